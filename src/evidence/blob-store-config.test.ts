import { describe, expect, test } from 'vitest';
import { loadConfig } from '../config.js';
import { blobStoreFromConfig } from './blob-store-config.js';

describe('AFTERCARE_BLOB_STORE', () => {
  test('the local disk by default', () => {
    const config = loadConfig({});
    expect(config.blobStore).toEqual({ kind: 'fs' });
    expect(blobStoreFromConfig(config.blobStore, '/tmp/aftercare-x').kind).toBe('fs');
  });

  test('s3 with its settings; uploads in progress stay in a local folder', () => {
    const config = loadConfig({
      AFTERCARE_BLOB_STORE: 's3',
      AFTERCARE_S3_ENDPOINT: 'https://oss-cn-hangzhou.example.com',
      AFTERCARE_S3_BUCKET: 'aftercare-evidence',
      AFTERCARE_S3_REGION: 'cn-hangzhou',
      AFTERCARE_S3_ACCESS_KEY_ID: 'AK',
      AFTERCARE_S3_SECRET_ACCESS_KEY: 'secret',
      AFTERCARE_S3_PREFIX: 'prod/',
    });
    expect(config.blobStore).toMatchObject({ kind: 's3', bucket: 'aftercare-evidence', prefix: 'prod/' });
    const store = blobStoreFromConfig(config.blobStore, '/tmp/aftercare-x');
    expect(store.kind).toBe('s3');
    expect(store.tempDir).toBe('/tmp/aftercare-x/blobs/tmp');
  });

  test('s3 without its settings does not start', () => {
    expect(() => loadConfig({ AFTERCARE_BLOB_STORE: 's3', AFTERCARE_S3_BUCKET: 'b' })).toThrow(
      /AFTERCARE_S3_ENDPOINT, AFTERCARE_S3_ACCESS_KEY_ID, AFTERCARE_S3_SECRET_ACCESS_KEY/,
    );
    expect(() => loadConfig({ AFTERCARE_BLOB_STORE: 'ftp' })).toThrow(/AFTERCARE_BLOB_STORE/);
  });
});
