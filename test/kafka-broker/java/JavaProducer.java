// A producer we did not write: Apache Kafka's own Java client (kafka-clients from the broker's jars).
// Usage: JavaProducer <bootstrap> <count> <topic>:<compression> [<topic>:<compression> ...]
// Sends <count> JSON values {"n":i,"codec":"<compression>"} to partition 0 of each topic, in batches.
import java.util.Properties;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;

public class JavaProducer {
  public static void main(String[] args) throws Exception {
    String bootstrap = args[0];
    int count = Integer.parseInt(args[1]);
    for (int t = 2; t < args.length; t++) {
      String[] parts = args[t].split(":");
      Properties props = new Properties();
      props.put("bootstrap.servers", bootstrap);
      props.put("compression.type", parts[1]);
      props.put("linger.ms", "50");
      props.put("batch.size", "65536");
      props.put("acks", "all");
      try (KafkaProducer<String, String> producer = new KafkaProducer<>(props, new StringSerializer(), new StringSerializer())) {
        for (int i = 0; i < count; i++) {
          producer.send(new ProducerRecord<>(parts[0], 0, "k" + i, "{\"n\":" + i + ",\"codec\":\"" + parts[1] + "\"}"));
        }
        producer.flush();
      }
    }
  }
}
