// Entry point for running the CLI straight from the sources (tests, development):
// `node src/cli/sluice.ts …`. The installed `sluice` bin runs the compiled copy of main.ts instead.
import { main } from './main.ts';

process.exitCode = await main(process.argv);
