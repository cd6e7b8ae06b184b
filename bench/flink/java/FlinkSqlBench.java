// The benchmark's Flink SQL peer: runs Q2 (COUNT/AVG by device over a 10 s tumbling window) or Q3 (the same
// over a 60 s hopping window sliding by 1 s) in a local mini-cluster over a Kafka topic of JSON telemetry,
// read as a bounded backlog (earliest offset to the offsets current at start), and prints one JSON line.
//
//   java -cp <classes>:<jars>/* FlinkSqlBench --bootstrap host:port --topic t --query q2|q3
//        [--events N] [--parallelism 2] [--group-id g] [--watermark-delay-ms 1000]
//
// Result rows go to a discarding sink after a counting map (an accumulator, read from the job's result), so
// the count costs one increment per result row and no output I/O.
import java.lang.management.ManagementFactory;
import java.util.HashMap;
import java.util.Map;

import org.apache.flink.api.common.JobExecutionResult;
import org.apache.flink.api.common.accumulators.LongCounter;
import org.apache.flink.api.common.accumulators.LongMaximum;
import org.apache.flink.api.common.accumulators.LongMinimum;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.functions.RichMapFunction;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.functions.sink.v2.DiscardingSink;
import org.apache.flink.table.api.EnvironmentSettings;
import org.apache.flink.table.api.Table;
import org.apache.flink.table.api.bridge.java.StreamTableEnvironment;
import org.apache.flink.types.Row;

public final class FlinkSqlBench {
  private static final String ROWS = "resultRows";
  private static final String COUNTED = "countedEvents";
  private static final String FIRST_AT = "firstResultAt";
  private static final String LAST_AT = "lastResultAt";

  /**
   * Counts result rows, and sums their COUNT(*) column: Q2's sum must equal the topic's events (no event
   * dropped as late), Q3's sixty times that. The counters are merged over subtasks into the job's result.
   */
  public static final class CountRows extends RichMapFunction<Row, Row> {
    private transient LongCounter rows;
    private transient LongCounter counted;
    private transient LongMinimum firstAt;
    private transient LongMaximum lastAt;
    private long last;

    @Override
    public void open(OpenContext context) {
      rows = new LongCounter();
      counted = new LongCounter();
      getRuntimeContext().addAccumulator(ROWS, rows);
      getRuntimeContext().addAccumulator(COUNTED, counted);
      firstAt = new LongMinimum(Long.MAX_VALUE);
      lastAt = new LongMaximum(0L);
      getRuntimeContext().addAccumulator(FIRST_AT, firstAt);
      getRuntimeContext().addAccumulator(LAST_AT, lastAt);
    }

    @Override
    public void close() {
      lastAt.add(last);
    }

    @Override
    public Row map(Row row) {
      rows.add(1L);
      counted.add((Long) row.getField(2));
      last = System.currentTimeMillis();
      if (firstAt.getLocalValuePrimitive() == Long.MAX_VALUE) firstAt.add(last);
      return row;
    }
  }

  private static Map<String, String> parse(String[] args) {
    Map<String, String> out = new HashMap<>();
    for (int i = 0; i < args.length; i++) {
      if (!args[i].startsWith("--") || i + 1 >= args.length) throw new IllegalArgumentException("expected --name value pairs, got " + args[i]);
      out.put(args[i].substring(2), args[++i]);
    }
    return out;
  }

  private static String required(Map<String, String> opts, String name) {
    String v = opts.get(name);
    if (v == null || v.isEmpty()) throw new IllegalArgumentException("--" + name + " is required");
    return v;
  }

  /** Flink SQL string literal: single quotes doubled. */
  private static String lit(String s) {
    return "'" + s.replace("'", "''") + "'";
  }

  static String windowQuery(String query) {
    // Window TVFs, Flink's recommended form (the legacy GROUP BY TUMBLE(...) is deprecated). ASA's windows
    // hold (start, end] ("inclusive in the end of the window and exclusive in the beginning",
    // https://learn.microsoft.com/stream-analytics-query/tumbling-window-azure-stream-analytics), Flink's
    // [start, end): with millisecond event times, an offset of 1 ms gives Flink the same membership, so
    // both engines emit the same rows; windowEnd is moved back to ASA's System.Timestamp().
    String window;
    switch (query) {
      case "q2": window = "TUMBLE(TABLE telemetry, DESCRIPTOR(ts), INTERVAL '10' SECOND, INTERVAL '0.001' SECOND)"; break;
      case "q3": window = "HOP(TABLE telemetry, DESCRIPTOR(ts), INTERVAL '1' SECOND, INTERVAL '60' SECOND, INTERVAL '0.001' SECOND)"; break;
      default: throw new IllegalArgumentException("--query must be q2 or q3, not " + query);
    }
    return "SELECT deviceId, window_end - INTERVAL '0.001' SECOND AS windowEnd, COUNT(*) AS events, AVG(temperature) AS avgTemperature\n"
        + "FROM TABLE(" + window + ")\n"
        + "GROUP BY deviceId, window_start, window_end";
  }

  public static void main(String[] args) throws Exception {
    long mainStarted = System.currentTimeMillis();
    long jvmStarted = ManagementFactory.getRuntimeMXBean().getStartTime();
    Map<String, String> opts = parse(args);
    String bootstrap = required(opts, "bootstrap");
    String topic = required(opts, "topic");
    String query = required(opts, "query").toLowerCase();
    long events = Long.parseLong(opts.getOrDefault("events", "0"));
    int parallelism = Integer.parseInt(opts.getOrDefault("parallelism", "2"));
    String groupId = opts.getOrDefault("group-id", "sluice-bench-flink-" + System.nanoTime());
    long watermarkDelayMs = Long.parseLong(opts.getOrDefault("watermark-delay-ms", "1000"));
    String sql = windowQuery(query);

    Configuration conf = new Configuration();
    conf.setString("parallelism.default", String.valueOf(parallelism));
    conf.setString("table.local-time-zone", "UTC");
    // A free port for the mini-cluster's REST endpoint, so runs side by side do not clash over 8081.
    conf.setString("rest.bind-port", "0");
    StreamExecutionEnvironment env = StreamExecutionEnvironment.createLocalEnvironment(parallelism, conf);
    StreamTableEnvironment tEnv = StreamTableEnvironment.create(env, EnvironmentSettings.inStreamingMode());
    tEnv.getConfig().set("table.local-time-zone", "UTC");

    // Only the fields the queries read are declared; the JSON format skips the rest of each object. `ts` is
    // ISO 8601 with a trailing Z, which the format reads as TIMESTAMP_LTZ. The watermark is generated per
    // Kafka partition (the connector supports watermark push-down), each partition being in time order.
    tEnv.executeSql("CREATE TABLE telemetry (\n"
        + "  deviceId STRING,\n"
        + "  ts TIMESTAMP_LTZ(3),\n"
        + "  temperature DOUBLE,\n"
        + "  WATERMARK FOR ts AS ts - INTERVAL '" + (watermarkDelayMs / 1000.0) + "' SECOND\n"
        + ") WITH (\n"
        + "  'connector' = 'kafka',\n"
        + "  'topic' = " + lit(topic) + ",\n"
        + "  'properties.bootstrap.servers' = " + lit(bootstrap) + ",\n"
        + "  'properties.group.id' = " + lit(groupId) + ",\n"
        + "  'scan.startup.mode' = 'earliest-offset',\n"
        + "  'scan.bounded.mode' = 'latest-offset',\n"
        + "  'format' = 'json',\n"
        + "  'json.timestamp-format.standard' = 'ISO-8601',\n"
        + "  'json.fail-on-missing-field' = 'false',\n"
        + "  'json.ignore-parse-errors' = 'false'\n"
        + ")");

    Table result = tEnv.sqlQuery(sql);
    tEnv.toDataStream(result).map(new CountRows()).name("count-rows").sinkTo(new DiscardingSink<>()).name("blackhole");

    long submitted = System.currentTimeMillis();
    JobExecutionResult job = env.execute("sluice-bench-flink-" + query);
    long finished = System.currentTimeMillis();
    Long rows = job.getAccumulatorResult(ROWS);
    Long counted = job.getAccumulatorResult(COUNTED);
    Long firstAt = job.getAccumulatorResult(FIRST_AT);
    Long lastAt = job.getAccumulatorResult(LAST_AT);

    // seconds: the job's own run time in the mini-cluster (submission to completion), so the mini-cluster's
    // start-up and the JVM's are reported apart, as sluice's probe also leaves its process start-up out.
    double seconds = job.getNetRuntime() / 1000.0;
    StringBuilder json = new StringBuilder();
    json.append("{\"query\":\"").append(query).append('"')
        .append(",\"events\":").append(events)
        .append(",\"seconds\":").append(seconds)
        .append(",\"eventsPerSecond\":").append(seconds > 0 ? Math.round(events / seconds) : 0)
        .append(",\"resultRows\":").append(rows == null ? 0 : rows)
        .append(",\"countedEvents\":").append(counted == null ? 0 : counted)
        .append(",\"firstResultSeconds\":").append(firstAt == null || firstAt == Long.MAX_VALUE ? -1 : (firstAt - submitted) / 1000.0)
        .append(",\"lastResultSeconds\":").append(lastAt == null || lastAt == 0 ? -1 : (lastAt - submitted) / 1000.0)
        .append(",\"parallelism\":").append(parallelism)
        .append(",\"executeSeconds\":").append((finished - submitted) / 1000.0)
        .append(",\"planSeconds\":").append((submitted - mainStarted) / 1000.0)
        .append(",\"jvmStartSeconds\":").append((mainStarted - jvmStarted) / 1000.0)
        .append(",\"flinkVersion\":\"").append(org.apache.flink.runtime.util.EnvironmentInformation.getVersion()).append('"')
        .append('}');
    System.out.println(json);
  }
}
