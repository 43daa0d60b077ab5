import { join } from 'node:path';
import type { BlobStoreConfig } from '../config.js';
import { type BlobStore, createFsBlobStore } from './blob-store.js';
import { createS3BlobStore } from './s3-blob-store.js';

/** The store AFTERCARE_BLOB_STORE names: DATA_DIR/blobs, or an S3 bucket with a local folder for uploads in progress. */
export function blobStoreFromConfig(config: BlobStoreConfig, dataDir: string): BlobStore {
  const root = join(dataDir, 'blobs');
  if (config.kind === 'fs') return createFsBlobStore(root);
  return createS3BlobStore({
    endpoint: config.endpoint,
    bucket: config.bucket,
    region: config.region,
    accessKeyId: config.accessKeyId,
    secretAccessKey: config.secretAccessKey,
    prefix: config.prefix,
    tempDir: join(root, 'tmp'),
  });
}
