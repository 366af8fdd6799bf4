// CPU time per operation over a bench's measured window: this process's (server and clients: they share one core)
// and the Redis server's (INFO cpu). On a machine shared with other work, a throughput figure swings with what else
// runs, while the CPU one operation takes moves far less: the turns part reports both, against the storing echo's.
import { createClient } from "redis";

export interface CpuPerOp {
  // Microseconds of CPU per operation.
  nodeUs: number;
  redisUs: number;
}

export function cpuMeter(redisUrl: string) {
  let node = process.cpuUsage();
  let redisAt = Promise.resolve(0);
  let nodeUs = 0;
  let redisUs = Promise.resolve(0);
  const redisCpu = async () => {
    const admin = await createClient({ url: redisUrl }).connect();
    try {
      const info = await admin.info("cpu");
      const field = (k: string) => Number(new RegExp(`${k}:([0-9.]+)`).exec(info)?.[1] ?? 0);
      return (field("used_cpu_sys") + field("used_cpu_user")) * 1e6;
    } finally {
      await admin.close();
    }
  };
  return {
    marks: {
      opened() {
        node = process.cpuUsage();
        redisAt = redisCpu();
      },
      closed() {
        const d = process.cpuUsage(node);
        nodeUs = d.user + d.system;
        const from = redisAt;
        redisUs = redisCpu().then(async (to) => to - (await from));
      },
    },
    // `ops`: how many operations the window counted.
    async perOp(ops: number): Promise<CpuPerOp> {
      if (ops === 0) return { nodeUs: 0, redisUs: 0 };
      return { nodeUs: Math.round(nodeUs / ops), redisUs: Math.round((await redisUs) / ops) };
    },
  };
}
