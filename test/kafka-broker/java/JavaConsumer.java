// A consumer we did not write: Apache Kafka's own Java client (kafka-clients from the broker's jars).
// Usage: JavaConsumer <bootstrap> <topic> <count> <timeoutMs>
// Reads partition 0 from the beginning and prints "key<TAB>base64(value)" per record until <count> or the
// timeout (base64, because a value such as a CSV message may hold line breaks).
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;

public class JavaConsumer {
  public static void main(String[] args) {
    Properties props = new Properties();
    props.put("bootstrap.servers", args[0]);
    props.put("enable.auto.commit", "false");
    int count = Integer.parseInt(args[2]);
    long deadline = System.currentTimeMillis() + Long.parseLong(args[3]);
    try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(props, new StringDeserializer(), new StringDeserializer())) {
      TopicPartition tp = new TopicPartition(args[1], 0);
      consumer.assign(List.of(tp));
      consumer.seekToBeginning(List.of(tp));
      Base64.Encoder base64 = Base64.getEncoder();
      int seen = 0;
      while (seen < count && System.currentTimeMillis() < deadline) {
        for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofMillis(200))) {
          System.out.println(r.key() + "\t" + base64.encodeToString(r.value().getBytes(java.nio.charset.StandardCharsets.UTF_8)));
          seen++;
        }
      }
    }
  }
}
