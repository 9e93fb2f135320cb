/** Input files for client processes, in one temporary directory a test file removes at the end. */
import fs from 'node:fs';
import path from 'node:path';
import { REPO_ROOT, tempDir } from './brokers';

export const KCAT = '/usr/bin/kcat';
/** Debian's interpreter, which has python3-kafka (the pyenv python3 on PATH does not). */
export const PYTHON = '/usr/bin/python3';
export const TOPICS_JS = path.join(REPO_ROOT, 'dist', 'cli', 'kafka-topics.js');

let scratchDir: string | null = null;

export function scratchFile(name: string): string {
  scratchDir ??= tempDir('client-input');
  return path.join(scratchDir, `${Date.now()}-${Math.random().toString(36).slice(2)}-${name}`);
}

export function removeScratch(): void {
  if (scratchDir) fs.rmSync(scratchDir, { recursive: true, force: true });
  scratchDir = null;
}
