// Points an example project at the demo's cluster: every Kafka input and output gets the demo's bootstrap
// servers and its own fresh topic, so a run never mixes with an earlier one. The project files stay as
// they are; only the loaded copy changes.
import type { InputSpec, OutputSpec } from '../job/index.ts';
import type { Project } from '../project/index.ts';

export interface DemoTopics {
  inputs: Map<string, string>;
  outputs: Map<string, string>;
}

export interface DemoProjectOptions {
  bootstrapServers: string[];
  /** Appended to every topic and consumer group, e.g. a time stamp. */
  suffix: string;
  /** The development broker cannot report topic configuration: take producer timestamps knowingly. */
  development: boolean;
}

export function demoProject(project: Project, options: DemoProjectOptions): { project: Project; topics: DemoTopics } {
  const topics: DemoTopics = { inputs: new Map(), outputs: new Map() };
  const inputs = project.job.inputs.map((spec): InputSpec => {
    if (spec.source.kind !== 'kafka') return spec;
    const topic = `${spec.source.properties.topic}-${options.suffix}`;
    topics.inputs.set(spec.alias, topic);
    return {
      ...spec,
      source: {
        kind: 'kafka',
        properties: {
          ...spec.source.properties,
          bootstrapServers: options.bootstrapServers,
          topic,
          consumerGroupId: `${spec.source.properties.consumerGroupId}-${options.suffix}`,
          ...(options.development ? { timestampType: 'CreateTime' as const } : {}),
        },
      },
    };
  });
  const outputs = project.job.outputs.map((spec): OutputSpec => {
    if (spec.sink.kind !== 'kafka') return spec;
    const topic = `${spec.sink.properties.topic}-${options.suffix}`;
    topics.outputs.set(spec.alias, topic);
    return { ...spec, sink: { kind: 'kafka', properties: { ...spec.sink.properties, bootstrapServers: options.bootstrapServers, topic } } };
  });
  // The topics are new, so "where the job's consumer group left off" is their beginning: every reading the
  // demo produced counts, however long start-up took (and the development broker cannot look up offsets by time).
  const config = { ...project.job.config, outputStartMode: 'LastOutputEventTime' as const };
  return { project: { ...project, job: { ...project.job, inputs, outputs, config } }, topics };
}
