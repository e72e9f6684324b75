import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';

export async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/** Starts `src/main.ts` as `npm start` does (DEMO_ISSUER=true), or another entry, and collects its output until it listens. */
export async function startMain(
  env: Record<string, string>,
  entry: string[] = ['--import', 'tsx', 'src/main.ts'],
): Promise<{ child: ChildProcess; output: string }> {
  const child = spawn(process.execPath, entry, {
    env: { PATH: process.env.PATH ?? '', DEMO_ISSUER: 'true', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`main did not start:\n${output}`)), 15000);
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      if (output.includes('Passerelle listening')) {
        clearTimeout(timer);
        resolve();
      }
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', onData);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`main exited with ${String(code)}:\n${output}`));
    });
  });
  return { child, output };
}

export async function stop(child: ChildProcess): Promise<number | null> {
  child.removeAllListeners('exit');
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  child.kill('SIGTERM');
  return exited;
}
