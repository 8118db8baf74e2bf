// Loads PouchDB's modules: the core, the HTTP and LevelDB adapters and replication, put together. Its own module so
// that a build which cannot carry LevelDB's native module (the packaged desktop app, built for production by scripts/build.ts) puts
// sync-pouch-unavailable.ts in its place.

interface PluginHost {
  plugin(plugin: unknown): PluginHost;
}

/** PouchDB with its plugins, as an untyped constructor (sync-pouch.ts gives it its type). */
export async function loadPouchModules(): Promise<unknown> {
  const [core, http, leveldb, replication] = await Promise.all([
    import('pouchdb-core'),
    import('pouchdb-adapter-http'),
    import('pouchdb-adapter-leveldb'),
    import('pouchdb-replication'),
  ]);
  return (core.default as unknown as PluginHost).plugin(http.default).plugin(leveldb.default).plugin(replication.default);
}
