/**
 * The launch decision, as pure functions: given what host.ts found (install, Java, Docker) and
 * what the user asked for, say which backend runs ZooKeeper and with exactly which command line
 * or container settings. launch.ts carries the plan out.
 */
import type { ContainerCreateOptions } from 'dockerode';
import { posix as path } from 'node:path';
import type { Env, InstallSource, ZooKeeperInstall } from './locate';

export const QUORUM_PEER_MAIN = 'org.apache.zookeeper.server.quorum.QuorumPeerMain';
export const ZOOKEEPER_MAIN = 'org.apache.zookeeper.ZooKeeperMain';

/** Kafka gives its ZooKeeper a fixed 512 MB heap unless KAFKA_HEAP_OPTS says otherwise. */
export const DEFAULT_SERVER_HEAP_OPTS: readonly string[] = ['-Xmx512M', '-Xms512M'];
/** Command-line tools get a small heap, as Kafka's tools do. */
export const DEFAULT_TOOL_HEAP_OPTS: readonly string[] = ['-Xmx256M'];
/** Low-pause garbage collection and no GUI toolkit; replaced wholesale by KAFKA_JVM_PERFORMANCE_OPTS. */
export const DEFAULT_PERFORMANCE_OPTS: readonly string[] = [
  '-server',
  '-XX:+UseG1GC',
  '-XX:MaxGCPauseMillis=20',
  '-XX:+ExplicitGCInvokesConcurrent',
  '-Djava.awt.headless=true',
];

export const DEFAULT_DOCKER_IMAGE = 'zookeeper:3.8';
export const CONTAINER_NAME_PREFIX = 'kafka-ts-zookeeper-';
/** Label put on every container we create, so the stop script can find them. */
export const CONTAINER_ROLE_LABEL = 'kafka-ts.role';
export const CONTAINER_ROLE = 'zookeeper';
/** Paths inside the official image. */
const CONTAINER_CLIENT_PORT = 2181;
const CONTAINER_DATA_DIR = '/data';

export const CONSOLE_OUTPUT_FILE = 'zookeeper.out';
export const PID_FILE = 'zookeeper.pid';

/** What host.ts learned about the machine. */
export interface HostFacts {
  readonly install?: ZooKeeperInstall;
  readonly java?: string;
  /** Whether a Docker engine answered; undefined when it was not asked (it was not needed). */
  readonly dockerAvailable?: boolean;
  /** Places searched for an install, for the error message. */
  readonly searched: readonly string[];
  readonly warnings: readonly string[];
}

export interface StartRequest {
  /** Absolute path of the properties file; a local ZooKeeper reads it itself. */
  readonly propertiesFile: string;
  /** Its keys, needed only when ZooKeeper runs in Docker (the container gets no file). */
  readonly properties: ReadonlyMap<string, string>;
  readonly daemon: boolean;
  /** Directory for zookeeper.log, and with -daemon zookeeper.out and zookeeper.pid. */
  readonly logDir: string;
  /** Our log4j configuration (config/zookeeper-log4j.properties). */
  readonly log4jConfig: string;
  /** A relative dataDir is resolved against this directory, as the local JVM would do. */
  readonly cwd: string;
  /** KAFKA_HEAP_OPTS, KAFKA_JVM_PERFORMANCE_OPTS, KAFKA_LOG4J_OPTS, KAFKA_OPTS, ZOOKEEPER_DOCKER_IMAGE. */
  readonly env: Env;
}

export interface JavaCommand {
  readonly java: string;
  readonly args: readonly string[];
}

export interface LocalStartPlan {
  readonly kind: 'local';
  readonly source: InstallSource;
  readonly home: string;
  readonly command: JavaCommand;
  readonly daemon: boolean;
  readonly logDir: string;
  /** Where a daemon's stdout and stderr go. */
  readonly consoleOutputFile: string;
  /** Where a daemon's process id is written. */
  readonly pidFile: string;
  readonly warnings: readonly string[];
}

export interface DockerContainerSpec {
  readonly image: string;
  readonly name: string;
  readonly clientPort: number;
  /** Host directory bind-mounted as the container's data directory; created before the start. */
  readonly hostDataDir: string;
  readonly createOptions: ContainerCreateOptions;
}

export interface DockerStartPlan {
  readonly kind: 'docker';
  readonly daemon: boolean;
  readonly container: DockerContainerSpec;
  readonly warnings: readonly string[];
}

export interface UnavailablePlan {
  readonly kind: 'unavailable';
  readonly message: string;
  readonly warnings: readonly string[];
}

export type StartPlan = LocalStartPlan | DockerStartPlan | UnavailablePlan;

/** Docker is only worth asking about when the local route is closed. */
export function needsDocker(facts: Pick<HostFacts, 'install' | 'java'>): boolean {
  return facts.install === undefined || facts.java === undefined;
}

/** Local install with Java first, then Docker, else a message telling the user what to install. */
export function planZooKeeperStart(request: StartRequest, facts: HostFacts): StartPlan {
  const { install, java } = facts;
  if (install !== undefined && java !== undefined) {
    return {
      kind: 'local',
      source: install.source,
      home: install.home,
      command: javaCommand({
        java,
        install,
        mainClass: QUORUM_PEER_MAIN,
        mainArgs: [request.propertiesFile],
        env: request.env,
        logDir: request.logDir,
        log4jConfig: request.log4jConfig,
        defaultHeapOpts: DEFAULT_SERVER_HEAP_OPTS,
      }),
      daemon: request.daemon,
      logDir: request.logDir,
      consoleOutputFile: path.join(request.logDir, CONSOLE_OUTPUT_FILE),
      pidFile: path.join(request.logDir, PID_FILE),
      warnings: facts.warnings,
    };
  }
  if (facts.dockerAvailable === true) {
    const container = dockerContainerSpec(request);
    if (typeof container === 'string') {
      return { kind: 'unavailable', message: container, warnings: facts.warnings };
    }
    return {
      kind: 'docker',
      daemon: request.daemon,
      container: container.spec,
      warnings: [...facts.warnings, ...container.warnings],
    };
  }
  return { kind: 'unavailable', message: noZooKeeperMessage(facts, 'server'), warnings: facts.warnings };
}

export interface JavaCommandInput {
  readonly java: string;
  readonly install: ZooKeeperInstall;
  readonly mainClass: string;
  readonly mainArgs: readonly string[];
  readonly env: Env;
  readonly logDir: string;
  readonly log4jConfig: string;
  readonly defaultHeapOpts: readonly string[];
  /** For tools: the log4j root logger (our config's default is INFO to stdout and zookeeper.log). */
  readonly rootLogger?: string;
}

/**
 * The JVM command line, in the order Kafka's launcher uses: heap, performance options, logging,
 * class path, KAFKA_OPTS, main class, its arguments. Each KAFKA_* variable replaces its group.
 */
export function javaCommand(input: JavaCommandInput): JavaCommand {
  const { env, install } = input;
  const heap = optsFromEnv(env['KAFKA_HEAP_OPTS']) ?? input.defaultHeapOpts;
  const performance = optsFromEnv(env['KAFKA_JVM_PERFORMANCE_OPTS']) ?? DEFAULT_PERFORMANCE_OPTS;
  // The logs directory is always passed; KAFKA_LOG4J_OPTS replaces only the rest of the logging options.
  const logging = [
    `-Dkafka.logs.dir=${input.logDir}`,
    ...(optsFromEnv(env['KAFKA_LOG4J_OPTS']) ?? loggingOpts(input)),
  ];
  const extra = optsFromEnv(env['KAFKA_OPTS']) ?? [];
  return {
    java: input.java,
    args: [
      ...heap,
      ...performance,
      ...logging,
      '-cp',
      install.classpath.join(':'),
      ...extra,
      input.mainClass,
      ...input.mainArgs,
    ],
  };
}

function loggingOpts(input: JavaCommandInput): string[] {
  const opts: string[] = [];
  if (input.install.logging === 'logback') {
    // ZooKeeper 3.8+ logs through logback and ignores log4j settings: use its own logback.xml.
    if (input.install.logbackConfig !== undefined) {
      opts.push(`-Dlogback.configurationFile=${input.install.logbackConfig}`);
    }
    opts.push(`-Dzookeeper.log.dir=${input.logDir}`, '-Dzookeeper.log.file=zookeeper.log');
    if (input.rootLogger !== undefined) opts.push('-Dzookeeper.console.threshold=WARN');
    return opts;
  }
  opts.push(`-Dlog4j.configuration=file:${input.log4jConfig}`);
  if (input.rootLogger !== undefined) {
    opts.push(`-Dkafka.ts.zookeeper.root.logger=${input.rootLogger}`, '-Dkafka.ts.zookeeper.exit.logger=OFF');
  }
  return opts;
}

/** Splits a KAFKA_*_OPTS value on blanks, as the shell does with an unquoted variable; unset or blank → undefined. */
export function optsFromEnv(value: string | undefined): string[] | undefined {
  if (value === undefined || value.trim() === '') return undefined;
  return value.trim().split(/\s+/);
}

/** Properties that the official image takes as environment variables. */
const DOCKER_ENV_FOR_KEY: Readonly<Record<string, string>> = {
  tickTime: 'ZOO_TICK_TIME',
  initLimit: 'ZOO_INIT_LIMIT',
  syncLimit: 'ZOO_SYNC_LIMIT',
  maxClientCnxns: 'ZOO_MAX_CLIENT_CNXNS',
  'admin.enableServer': 'ZOO_ADMINSERVER_ENABLED',
  'autopurge.snapRetainCount': 'ZOO_AUTOPURGE_SNAPRETAINCOUNT',
  'autopurge.purgeInterval': 'ZOO_AUTOPURGE_PURGEINTERVAL',
  '4lw.commands.whitelist': 'ZOO_4LW_COMMANDS_WHITELIST',
  standaloneEnabled: 'ZOO_STANDALONE_ENABLED',
};
/** Properties that describe the host side; the container has its own values for them. */
const HOST_SIDE_KEYS = new Set(['dataDir', 'dataLogDir', 'clientPort', 'clientPortAddress']);

export interface ZooKeeperEndpoint {
  readonly dataDir: string;
  readonly clientPort: number;
}

/** Reads dataDir and clientPort; returns an error message when one is missing or invalid. */
export function endpointFromProperties(
  properties: ReadonlyMap<string, string>,
  cwd: string,
  propertiesFile: string,
): ZooKeeperEndpoint | string {
  const dataDir = properties.get('dataDir');
  const port = properties.get('clientPort');
  if (dataDir === undefined || dataDir.trim() === '') return `dataDir is not set in ${propertiesFile}`;
  if (port === undefined || port.trim() === '') return `clientPort is not set in ${propertiesFile}`;
  const clientPort = Number(port.trim());
  if (!Number.isInteger(clientPort) || clientPort < 1 || clientPort > 65535) {
    return `clientPort in ${propertiesFile} must be a TCP port (1-65535), not '${port}'`;
  }
  return { dataDir: path.resolve(cwd, dataDir.trim()), clientPort };
}

/**
 * The official image with the client port published on 127.0.0.1 only and dataDir bind-mounted,
 * so data survives the container. Returns an error message when the properties lack what it needs.
 */
export function dockerContainerSpec(
  request: StartRequest,
): { spec: DockerContainerSpec; warnings: string[] } | string {
  const endpoint = endpointFromProperties(request.properties, request.cwd, request.propertiesFile);
  if (typeof endpoint === 'string') return endpoint;
  const warnings: string[] = [];
  const env = [`ZOO_DATA_DIR=${CONTAINER_DATA_DIR}`, `ZOO_DATA_LOG_DIR=${CONTAINER_DATA_DIR}`];
  const extra: string[] = [];
  for (const [key, value] of request.properties) {
    if (HOST_SIDE_KEYS.has(key)) continue;
    const variable = DOCKER_ENV_FOR_KEY[key];
    if (variable !== undefined) env.push(`${variable}=${value}`);
    else if (/\s/.test(value) || value === '')
      warnings.push(`Docker: cannot pass ${key}=${value} to the container; ignored.`);
    else extra.push(`${key}=${value}`);
  }
  if (request.properties.has('dataLogDir')) {
    warnings.push('Docker: dataLogDir is ignored; transaction logs are kept in dataDir.');
  }
  if (extra.length > 0) env.push(`ZOO_CFG_EXTRA=${extra.join(' ')}`);
  const image = request.env['ZOOKEEPER_DOCKER_IMAGE']?.trim() || DEFAULT_DOCKER_IMAGE;
  const name = `${CONTAINER_NAME_PREFIX}${endpoint.clientPort}`;
  const portKey = `${CONTAINER_CLIENT_PORT}/tcp`;
  return {
    spec: {
      image,
      name,
      clientPort: endpoint.clientPort,
      hostDataDir: endpoint.dataDir,
      createOptions: {
        name,
        Image: image,
        Env: env,
        Labels: {
          [CONTAINER_ROLE_LABEL]: CONTAINER_ROLE,
          'kafka-ts.client-port': String(endpoint.clientPort),
          'kafka-ts.properties': request.propertiesFile,
        },
        ExposedPorts: { [portKey]: {} },
        HostConfig: {
          PortBindings: { [portKey]: [{ HostIp: '127.0.0.1', HostPort: String(endpoint.clientPort) }] },
          Binds: [`${endpoint.dataDir}:${CONTAINER_DATA_DIR}`],
        },
      },
    },
    warnings,
  };
}

/** What to tell a user who has neither a usable local ZooKeeper nor Docker. */
export function noZooKeeperMessage(facts: HostFacts, purpose: 'server' | 'shell'): string {
  const docker = `start Docker      (the official ${DEFAULT_DOCKER_IMAGE} image is then used)`;
  if (facts.install !== undefined) {
    // Only Java is missing.
    return [
      `Found ZooKeeper (${facts.install.source}: ${facts.install.home}) but no Java runtime to run it.`,
      'Any one of these fixes it:',
      '  sudo apt-get install default-jre-headless      (Debian/Ubuntu; scripts/setup.sh does this)',
      '  export JAVA_HOME=/path/to/jdk',
      ...(purpose === 'server' ? [`  ${docker}`] : []),
    ].join('\n');
  }
  return [
    purpose === 'server'
      ? 'Cannot start ZooKeeper: no local ZooKeeper installation was found and no Docker engine is answering.'
      : 'Cannot run the ZooKeeper shell: no local ZooKeeper installation was found.',
    `Looked in: ${facts.searched.join(', ')}`,
    'Any one of these fixes it:',
    '  sudo apt-get install zookeeper      (Debian/Ubuntu, Java included; or run scripts/setup.sh, which installs everything)',
    '  export ZOOKEEPER_HOME=/path/to/apache-zookeeper-x.y.z-bin      (an unpacked Apache download)',
    '  brew install zookeeper      (macOS with Homebrew)',
    ...(purpose === 'server' ? [`  ${docker}`] : []),
    ...(facts.java === undefined ? ['No Java runtime was found either (JAVA_HOME or java on PATH).'] : []),
  ].join('\n');
}

/** zookeeper-shell.sh: ZooKeeper's own command-line client, with warnings only, on stderr. */
export function planZooKeeperShell(
  shellArgs: readonly string[],
  facts: HostFacts,
  options: { readonly env: Env; readonly logDir: string; readonly log4jConfig: string },
): { kind: 'local'; command: JavaCommand } | UnavailablePlan {
  const { install, java } = facts;
  if (install === undefined || java === undefined) {
    return { kind: 'unavailable', message: noZooKeeperMessage(facts, 'shell'), warnings: facts.warnings };
  }
  const [server, ...command] = shellArgs;
  return {
    kind: 'local',
    command: javaCommand({
      java,
      install,
      mainClass: ZOOKEEPER_MAIN,
      mainArgs: server === undefined ? command : ['-server', server, ...command],
      env: options.env,
      logDir: options.logDir,
      log4jConfig: options.log4jConfig,
      defaultHeapOpts: DEFAULT_TOOL_HEAP_OPTS,
      rootLogger: 'WARN, stderr',
    }),
  };
}
