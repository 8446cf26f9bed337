/**
 * The API app as other parts of Hearth use it (`@hearth/api`): the command line composes
 * the same modules, and the tests and the benchmark start the whole app and load the demo.
 * Nothing outside apps/api imports its other files (npm run boundaries).
 */
export { createApp } from './app';
export { AppModule } from './app.module';
export { DEMO_ANSWER, DEMO_PASSWORD, loadDemoData } from './demo-data';
