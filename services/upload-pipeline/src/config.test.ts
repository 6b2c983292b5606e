import { describe, expect, it } from 'vitest';
import { parseConfig } from '@photo/shared/config/parse-config';
import { renditionSpecs, uploadPipelineEnv } from './config';

describe('upload pipeline configuration', () => {
  it('when nothing is set, then 256, 1024 and 2048 px each in JPEG, WebP and AVIF', () => {
    const e = parseConfig(uploadPipelineEnv, {});
    expect(renditionSpecs(e.UPLOAD_SIZES, e.UPLOAD_FORMATS).map((s) => s.variant)).toEqual([
      'r256-jpeg',
      'r256-webp',
      'r256-avif',
      'r1024-jpeg',
      'r1024-webp',
      'r1024-avif',
      'r2048-jpeg',
      'r2048-webp',
      'r2048-avif',
    ]);
  });

  it('when sizes repeat or come unordered, then each is made once, smallest first; bad values are refused', () => {
    const e = parseConfig(uploadPipelineEnv, { UPLOAD_SIZES: '640, 128,640', UPLOAD_FORMATS: 'webp' });
    expect(renditionSpecs(e.UPLOAD_SIZES, e.UPLOAD_FORMATS).map((s) => s.variant)).toEqual([
      'r128-webp',
      'r640-webp',
    ]);
    expect(() => parseConfig(uploadPipelineEnv, { UPLOAD_SIZES: 'big' })).toThrow();
    expect(() => parseConfig(uploadPipelineEnv, { UPLOAD_FORMATS: 'gif' })).toThrow();
  });
});
