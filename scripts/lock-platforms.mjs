// Adds lock-file entries for other platforms' optional native packages (biome, swc, ...) that
// the registry mirror of this workplace lacks at the pinned version. npm then omits them from
// package-lock.json, and `npm ci` refuses a lock "out of sync" with package.json. Each entry
// gets the os/cpu its name says, so npm skips it on other machines and fetches it by name and
// version from the public registry on the machine it is for.
//   node scripts/lock-platforms.mjs   (after any `npm install` that changes the lock)
import { readFileSync, writeFileSync } from 'node:fs';

const lock = JSON.parse(readFileSync('package-lock.json', 'utf8'));
const packages = lock.packages;
const OS = [
  'android',
  'darwin',
  'freebsd',
  'linux',
  'win32',
  'openharmony',
  'netbsd',
  'openbsd',
  'sunos',
  'aix',
  'wasm32',
];
const CPU = ['arm64', 'x64', 'ia32', 'arm', 'ppc64', 's390x', 'loong64', 'riscv64', 'mips64el'];
let added = 0;
for (const [path, entry] of Object.entries(packages)) {
  for (const [name, version] of Object.entries(entry.optionalDependencies ?? {})) {
    const key = `${path === '' ? '' : `${path}/`}node_modules/${name}`.replace(/^\//, '');
    if (packages[key] || packages[`node_modules/${name}`]) continue;
    const parts = name.split(/[/-]/);
    const os = OS.find((o) => parts.includes(o));
    const cpu = CPU.find((c) => parts.includes(c)) ?? (parts.includes('x86_64') ? 'x64' : undefined);
    if (!os) continue; // not a platform package: leave it to npm
    packages[`node_modules/${name}`] = {
      version,
      dev: entry.dev === true ? true : undefined,
      optional: true,
      os: [os === 'wasm32' ? 'none' : os],
      ...(cpu ? { cpu: [cpu] } : {}),
      ...(name.includes('musl') ? { libc: ['musl'] } : name.includes('gnu') ? { libc: ['glibc'] } : {}),
    };
    added++;
  }
}
writeFileSync('package-lock.json', `${JSON.stringify(lock, null, 2)}\n`);
console.log(`package-lock.json: ${added} platform entries added`);
