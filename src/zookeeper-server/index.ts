/** ZooKeeper server support: locate a local install, start and stop it, and a programmatic API for tests. */
export type { RunningZooKeeper, StartZooKeeperOptions } from './api';
export { startZooKeeper } from './api';
export { parseShellArgs, parseStartArgs, shellUsage, startUsage } from './cli-args';
export { runStartCommand, runStopCommand } from './commands';
export { dockerAnswers, inspectHost, inspectLocalHost, repoRoot } from './host';
export type { Env, InstallSource, ZooKeeperInstall } from './locate';
export { findJava, findZooKeeperInstall, installCandidates, javaCandidates } from './locate';
export type { HostFacts, JavaCommand, StartPlan, StartRequest } from './plan';
export { planZooKeeperShell, planZooKeeperStart, QUORUM_PEER_MAIN } from './plan';
export { findFreePort, fourLetterWord, isPortOpen, isZooKeeperServing } from './probe';
export { readJavaProperties } from './properties';
export { NOTHING_TO_STOP, stopZooKeepers } from './stop';
