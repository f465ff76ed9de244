// Load and latency clients run in their own process (the server under test keeps its event loop to
// itself): `child(script, options)` starts `node --import tsx <script>`, hands it the options as JSON
// on stdin (they may be larger than a command-line argument may be) and answers the last JSON line the
// script prints; the script reads its options with `readOptions()`.
import { spawn } from 'node:child_process';

export function child<T>(script: string, options: unknown): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const c = spawn(process.execPath, ['--import', 'tsx', script], { stdio: ['pipe', 'pipe', 'inherit'] });
    let s = '';
    c.stdout.on('data', (d: Buffer) => (s += d.toString()));
    c.on('error', reject);
    c.on('exit', (code) =>
      code === 0 ? resolve(JSON.parse(s.trim().split('\n').at(-1)!) as T) : reject(new Error(`${script} exited ${code}`)),
    );
    c.stdin.end(JSON.stringify(options));
  });
}

/** In the child: the options `child()` wrote to stdin. */
export async function readOptions<T>(): Promise<T> {
  const chunks: Buffer[] = [];
  for await (const c of process.stdin) chunks.push(c as Buffer);
  return JSON.parse(Buffer.concat(chunks).toString('utf8')) as T;
}
