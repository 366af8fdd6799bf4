// The arrows between Banter's parts (docs/architecture.md). `npm run check` fails on any of these.
/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: "no-circular",
      severity: "error",
      comment: "An import circle: two parts that need each other are one part, or need a third below both.",
      from: {},
      to: { circular: true },
    },
    {
      name: "shared-is-pure",
      severity: "error",
      comment: "shared/ is pure logic used by both sides; it imports nothing of the server or the widget.",
      from: { path: "^shared/" },
      to: { path: "^(server|widget)/" },
    },
    {
      name: "widget-not-server",
      severity: "error",
      comment: "The browser code talks to the server over the wire contract (shared/protocol), never by import.",
      from: { path: "^widget/" },
      to: { path: "^server/" },
    },
    {
      name: "protocol-at-the-bottom",
      severity: "error",
      comment: "The wire contract is the bottom layer of shared/: it imports no other part of shared/.",
      from: { path: "^shared/protocol/" },
      to: { path: "^shared/(?!protocol/)" },
    },
    {
      name: "engine-above-protocol-only",
      severity: "error",
      comment: "The engine (with scoring) sits on the protocol; funnel, leads, lifecycle, routing and sites sit on it.",
      from: { path: "^shared/engine/" },
      to: { path: "^shared/(funnel|leads|lifecycle|routing|sites)/" },
    },
    {
      name: "loader-stays-tiny",
      severity: "error",
      comment: "The loader is plain DOM within 4 KB: no Preact, no socket; the chat app only by a lazy import() (its types are fine: they do not ship).",
      from: { path: "^widget/loader/" },
      to: {
        path: "^(widget/(transport|chat|console)/|node_modules/(preact|socket\\.io-client)/)",
        dependencyTypesNot: ["type-only"],
      },
    },
    {
      name: "socket-io-client-in-transport-only",
      severity: "error",
      comment: "widget/transport/ is the only place that knows socket.io-client.",
      from: { path: "^widget/", pathNot: "^widget/transport/" },
      to: { path: "^node_modules/(socket\\.io-client|engine\\.io-client)/" },
    },
    {
      name: "redis-in-store-only",
      severity: "error",
      comment: "server/store/ is the only place that knows Redis.",
      from: { path: "^server/", pathNot: "^server/store/" },
      to: { path: "^node_modules/(redis|@redis)/" },
    },
    {
      name: "routing-below-the-service",
      severity: "error",
      comment: "Routing writes conversations through the writer and hears the service by HandoffEvents; it never calls the service, so app.ts builds the writer, routing, then the service, with no relay between them.",
      from: { path: "^server/routing/" },
      to: { path: "^server/conversation/service\\.ts$" },
    },
    {
      name: "http-not-transport",
      severity: "error",
      comment: "HTTP routes and socket handlers are siblings at the edge; what both need lives below them.",
      from: { path: "^server/http/" },
      to: { path: "^server/transport/" },
    },
  ],
  options: {
    doNotFollow: { path: "node_modules" },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: "tsconfig.json" },
    exclude: { path: "^(dist|coverage)/" },
  },
};
