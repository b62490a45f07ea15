#!/usr/bin/env node
// What scripts/up runs: the bundle (dist/bundle/ack-local.mjs, built by bundle.mjs), with V8's on-disk code
// cache where the runtime has one (Node >= 22.1), since compiling the bundle is most of start-up.
import module from 'node:module';

module.enableCompileCache?.();
await import('../dist/bundle/ack-local.mjs');
