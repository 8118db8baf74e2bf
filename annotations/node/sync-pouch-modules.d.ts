// PouchDB's packages ship no types; sync-pouch.ts declares the part of their API Gloss calls.
declare module 'pouchdb-core';
declare module 'pouchdb-adapter-http';
declare module 'pouchdb-adapter-leveldb';
declare module 'pouchdb-replication';
