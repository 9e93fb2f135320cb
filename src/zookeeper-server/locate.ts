/**
 * Pure functions that decide where a local ZooKeeper and a Java runtime are, from a snapshot
 * of the host (environment variables, directory listings, which files exist). The snapshot is
 * taken by host.ts; nothing here touches the file system, so every rule is unit-tested.
 */
import { posix as path } from 'node:path';

export type Env = Readonly<Record<string, string | undefined>>;

/** File names found in each directory that was listed; a directory that does not exist is absent. */
export type DirectoryListings = Readonly<Record<string, readonly string[]>>;

export type InstallSource = 'ZOOKEEPER_HOME' | 'debian' | 'homebrew';

/** How the install's slf4j logging is bound, which decides the logging options we pass. */
export type LoggingBackend = 'log4j' | 'logback' | 'none';

export interface InstallCandidate {
  readonly source: InstallSource;
  /** The directory reported to the user. */
  readonly home: string;
  /** Directories whose listing the decision needs (jars, configuration). */
  readonly directories: readonly string[];
  /** Where a logback.xml of the install may be, best first. */
  readonly configDirectories: readonly string[];
}

export interface ZooKeeperInstall {
  readonly source: InstallSource;
  readonly home: string;
  /** Absolute jar paths, in the order they go on the class path. */
  readonly classpath: readonly string[];
  readonly logging: LoggingBackend;
  /** The install's own logback.xml, when logging is logback and one exists. */
  readonly logbackConfig?: string;
}

export interface InstallSearchResult {
  readonly install?: ZooKeeperInstall;
  /** Places that were looked at, in order, for error messages. */
  readonly searched: readonly string[];
  readonly warnings: readonly string[];
}

export const DEBIAN_JAVA_DIR = '/usr/share/java';
export const HOMEBREW_PREFIXES: readonly string[] = ['/opt/homebrew', '/usr/local'];

/** The main server jar: zookeeper.jar or zookeeper-3.8.0.jar, but not -tests, -sources, -jute... */
const MAIN_JAR = /^zookeeper(-\d+(\.\d+)*([.-][A-Za-z0-9]+)?)?\.jar$/;
const EXCLUDED_JAR = /-(tests|sources|javadoc)\.jar$/;

/** Where to look, in priority order: ZOOKEEPER_HOME, the Debian package, then Homebrew. */
export function installCandidates(env: Env): InstallCandidate[] {
  const candidates: InstallCandidate[] = [];
  const home = nonEmpty(env['ZOOKEEPER_HOME']);
  if (home !== undefined) {
    const h = path.resolve(home);
    candidates.push({
      source: 'ZOOKEEPER_HOME',
      home: h,
      directories: [h, path.join(h, 'lib'), path.join(h, 'conf')],
      configDirectories: [path.join(h, 'conf')],
    });
  }
  candidates.push({
    source: 'debian',
    home: DEBIAN_JAVA_DIR,
    directories: [DEBIAN_JAVA_DIR],
    configDirectories: [],
  });
  for (const prefix of HOMEBREW_PREFIXES) {
    const libexec = path.join(prefix, 'opt', 'zookeeper', 'libexec');
    const configDirectories = [path.join(prefix, 'etc', 'zookeeper'), path.join(libexec, 'conf')];
    candidates.push({
      source: 'homebrew',
      home: libexec,
      directories: [libexec, path.join(libexec, 'lib'), ...configDirectories],
      configDirectories,
    });
  }
  return candidates;
}

/** Every directory that installCandidates(env) wants listed. */
export function directoriesToList(env: Env): string[] {
  return [...new Set(installCandidates(env).flatMap((c) => c.directories))];
}

/** Picks the first usable install. A ZOOKEEPER_HOME without jars is reported, then skipped. */
export function findZooKeeperInstall(env: Env, listings: DirectoryListings): InstallSearchResult {
  const warnings: string[] = [];
  const searched: string[] = [];
  for (const candidate of installCandidates(env)) {
    searched.push(
      candidate.source === 'debian' ? path.join(candidate.home, 'zookeeper.jar') : candidate.home,
    );
    const install =
      candidate.source === 'debian' ? debianInstall(listings) : tarballInstall(candidate, listings);
    if (install !== undefined) return { install, searched, warnings };
    if (candidate.source === 'ZOOKEEPER_HOME') {
      warnings.push(
        `ZOOKEEPER_HOME is set to ${candidate.home}, but no zookeeper jar was found there or in its lib/ directory; ignoring it.`,
      );
    }
  }
  return { searched, warnings };
}

/** Debian's libzookeeper-java: one jar whose manifest names its dependencies in /usr/share/java. */
function debianInstall(listings: DirectoryListings): ZooKeeperInstall | undefined {
  const files = new Set(listings[DEBIAN_JAVA_DIR] ?? []);
  if (!files.has('zookeeper.jar')) return undefined;
  const jar = (name: string): string => path.join(DEBIAN_JAVA_DIR, name);
  const classpath = [jar('zookeeper.jar')];
  if (files.has('zookeeper-jute.jar')) classpath.push(jar('zookeeper-jute.jar'));
  // The package ships slf4j-api only; the log4j 1.2 binding lives in separate packages.
  const log4j = files.has('slf4j-log4j12.jar') && files.has('log4j-1.2.jar');
  if (log4j) classpath.push(jar('slf4j-log4j12.jar'), jar('log4j-1.2.jar'));
  return { source: 'debian', home: DEBIAN_JAVA_DIR, classpath, logging: log4j ? 'log4j' : 'none' };
}

/** An Apache binary download (ZOOKEEPER_HOME) or Homebrew's copy of it: jars in lib/, maybe one at the top. */
function tarballInstall(
  candidate: InstallCandidate,
  listings: DirectoryListings,
): ZooKeeperInstall | undefined {
  const home = candidate.home;
  const lib = path.join(home, 'lib');
  const topJars = (listings[home] ?? []).filter((f) => /^zookeeper.*\.jar$/.test(f) && !EXCLUDED_JAR.test(f));
  const libJars = (listings[lib] ?? []).filter((f) => f.endsWith('.jar') && !EXCLUDED_JAR.test(f));
  if (![...topJars, ...libJars].some((f) => MAIN_JAR.test(f))) return undefined;
  const classpath = [
    ...[...topJars].sort().map((f) => path.join(home, f)),
    ...[...libJars].sort().map((f) => path.join(lib, f)),
  ];
  const logging = loggingOf(libJars);
  if (logging !== 'logback') return { source: candidate.source, home, classpath, logging };
  const logbackConfig = candidate.configDirectories.find((dir) =>
    (listings[dir] ?? []).includes('logback.xml'),
  );
  return logbackConfig === undefined
    ? { source: candidate.source, home, classpath, logging }
    : {
        source: candidate.source,
        home,
        classpath,
        logging,
        logbackConfig: path.join(logbackConfig, 'logback.xml'),
      };
}

function loggingOf(jars: readonly string[]): LoggingBackend {
  const has = (re: RegExp): boolean => jars.some((j) => re.test(j));
  // ZooKeeper up to 3.7 ships log4j 1.2 (or reload4j); 3.8 moved to logback.
  if (has(/^slf4j-(log4j12|reload4j)/) && has(/^(log4j-1|reload4j)/)) return 'log4j';
  if (has(/^logback-classic/)) return 'logback';
  return 'none';
}

/** Java executables to try, best first: $JAVA_HOME/bin/java, then `java` in each PATH directory. */
export function javaCandidates(env: Env): string[] {
  const candidates: string[] = [];
  const javaHome = nonEmpty(env['JAVA_HOME']);
  if (javaHome !== undefined) candidates.push(path.join(path.resolve(javaHome), 'bin', 'java'));
  for (const dir of (env['PATH'] ?? '').split(':')) {
    // An empty PATH entry means "the current directory"; never pick a java from there.
    if (dir !== '' && dir.startsWith('/')) candidates.push(path.join(dir, 'java'));
  }
  return [...new Set(candidates)];
}

export interface JavaSearchResult {
  readonly java?: string;
  readonly warnings: readonly string[];
}

/** Picks the first existing candidate; `executables` holds the candidates that exist and are executable. */
export function findJava(env: Env, executables: ReadonlySet<string>): JavaSearchResult {
  const warnings: string[] = [];
  const candidates = javaCandidates(env);
  const javaHome = nonEmpty(env['JAVA_HOME']);
  const first = candidates[0];
  if (javaHome !== undefined && first !== undefined && !executables.has(first)) {
    warnings.push(`JAVA_HOME is set to ${javaHome}, but ${first} does not exist; looking for java on PATH.`);
  }
  const java = candidates.find((c) => executables.has(c));
  return java === undefined ? { warnings } : { java, warnings };
}

function nonEmpty(value: string | undefined): string | undefined {
  return value === undefined || value.trim() === '' ? undefined : value;
}
