/**
 * The machine a benchmark ran on, for the report: CPU, cores, RAM, OS, Deno,
 * load average at the start, and the date.
 *
 * @module
 */

/** What the report says about the machine. */
export interface Machine {
  cpu: string;
  cores: number;
  ramGb: string;
  os: string;
  deno: string;
  load: string;
  date: string;
}

/** Describes this machine now (CPU and OS names from Linux's files where present). */
export function machine(): Machine {
  let cpu = "unknown";
  try {
    cpu = /^model name\s*:\s*(.+)$/m.exec(Deno.readTextFileSync("/proc/cpuinfo"))?.[1] ?? cpu;
  } catch { /* not Linux */ }
  let os = `${Deno.build.os} ${Deno.osRelease()}`;
  try {
    const pretty = /^PRETTY_NAME="?([^"\n]+)/m.exec(Deno.readTextFileSync("/etc/os-release"))?.[1];
    if (pretty) os = `${pretty} (${Deno.build.os} ${Deno.osRelease()}, ${Deno.build.arch})`;
  } catch { /* no os-release */ }
  return {
    cpu,
    cores: navigator.hardwareConcurrency,
    ramGb: (Deno.systemMemoryInfo().total / 1024 ** 3).toFixed(1),
    os,
    deno: `${Deno.version.deno} (V8 ${Deno.version.v8})`,
    load: Deno.loadavg().map((n) => n.toFixed(2)).join(" / "),
    date: new Date().toISOString().slice(0, 16).replace("T", " ") + " UTC",
  };
}
