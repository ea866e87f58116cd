// A small TCP proxy on 127.0.0.1 that counts bytes, connections and HTTP requests, and can delay
// every chunk by half a round trip in each direction (W5's 600 ms RTT; tc tbf shapes bandwidth only).
// `rateBps` (bytes/s, each direction on its own) is W5's fallback where tc cannot run: a chunk
// leaves when the link is free and takes length ÷ rate to send, then half a round trip to arrive.
import net from 'node:net';

const REQUEST_LINE = /(?:^|\r\n)(?:GET|POST|PUT|DELETE|HEAD|PATCH|OPTIONS) \S+ HTTP\/1\.[01]\r\n/g;

export function startProxy({ target, rttMs = 0, listenPort = 0, rateBps = 0 }) {
  const stats = { up: 0, down: 0, connections: 0, requests: 0 };
  const half = rttMs / 2;
  const sockets = new Set();
  // Forward in order with a fixed delay: each direction keeps a chain of timers.
  const pipe = (from, to, count) => {
    let last = 0;
    let free = 0; // when the simulated link is done sending what it was given
    from.on('data', (chunk) => {
      count(chunk);
      if (!half && !rateBps) return to.write(chunk);
      if (rateBps) free = Math.max(performance.now(), free) + (chunk.length / rateBps) * 1000;
      const due = Math.max((rateBps ? free : performance.now()) + half, last);
      last = due;
      setTimeout(() => to.destroyed || to.write(chunk), due - performance.now());
    });
    from.on('end', () =>
      half || rateBps
        ? setTimeout(() => to.end(), Math.max(0, last - performance.now()) + 1)
        : to.end(),
    );
    from.on('error', () => to.destroy());
    from.on('close', () =>
      setTimeout(() => to.destroy(), Math.max(half, last - performance.now()) + 50),
    );
  };
  const server = net.createServer((client) => {
    stats.connections++;
    const upstream =
      typeof target === 'string' ? net.connect(target) : net.connect(target.port, '127.0.0.1');
    sockets.add(client).add(upstream);
    client.on('close', () => sockets.delete(client));
    upstream.on('close', () => sockets.delete(upstream));
    pipe(client, upstream, (c) => {
      stats.up += c.length;
      const m = c.toString('latin1').match(REQUEST_LINE);
      if (m) stats.requests += m.length;
    });
    pipe(upstream, client, (c) => {
      stats.down += c.length;
    });
  });
  return new Promise((resolve) => {
    server.listen(listenPort, '127.0.0.1', () =>
      resolve({
        port: server.address().port,
        stats,
        reset() {
          Object.assign(stats, { up: 0, down: 0, connections: 0, requests: 0 });
        },
        async close() {
          for (const s of sockets) s.destroy();
          await new Promise((r) => server.close(r));
        },
      }),
    );
  });
}
