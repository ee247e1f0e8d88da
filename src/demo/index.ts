/** The demo context's public face: the command line loads the demo data and prints its sign-ins. */
export { demoSignIns, loadDemoData, type DemoLoadResult, type DemoSignIn } from './demo.service.ts';
