// Preload for the no-network test: every way out of the process throws. Loaded with --import, it is
// inherited by worker threads (tesseract.js runs there), so they are covered too.
import dns from 'node:dns';
import http from 'node:http';
import https from 'node:https';
import net from 'node:net';
import tls from 'node:tls';
import { syncBuiltinESMExports } from 'node:module';

const deny = (what) => () => {
  throw new Error(`network access attempted: ${what}`);
};
for (const [mod, name] of [[http, 'http'], [https, 'https']]) {
  mod.request = deny(`${name}.request`);
  mod.get = deny(`${name}.get`);
}
net.connect = deny('net.connect');
net.createConnection = deny('net.createConnection');
net.Socket.prototype.connect = deny('net.Socket.connect');
tls.connect = deny('tls.connect');
dns.lookup = deny('dns.lookup');
dns.resolve = deny('dns.resolve');
dns.promises.lookup = deny('dns.promises.lookup');
dns.promises.resolve = deny('dns.promises.resolve');
globalThis.fetch = deny('fetch');
syncBuiltinESMExports();
