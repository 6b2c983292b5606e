import { describe, expect, it } from 'vitest';
import { parseConfig } from '@photo/shared/config/parse-config';
import { galleryConfigSchema, requirePersonalize } from './config';

const PERSONALIZE = {
  GALLERY_RECOMMENDER: 'personalize',
  PERSONALIZE_CAMPAIGN_ARN: 'arn:campaign',
  PERSONALIZE_TRACKING_ID: 'tracking',
  PERSONALIZE_USERS_DATASET_ARN: 'arn:users',
  PERSONALIZE_ITEMS_DATASET_ARN: 'arn:items',
};

describe('gallery config: Personalize', () => {
  const parse = (env: Record<string, string>) => parseConfig(requirePersonalize(galleryConfigSchema), env);

  it('when Personalize is chosen without the erasure settings, then each one missing is listed', () => {
    expect(() => parse(PERSONALIZE)).toThrow(
      /PERSONALIZE_DATASET_GROUP_ARN[\s\S]*PERSONALIZE_DELETION_ROLE_ARN[\s\S]*PERSONALIZE_DELETION_S3_PREFIX/,
    );
  });

  it('when the erasure settings are there, then the config parses; a prefix that is not s3:// is refused', () => {
    const erasure = {
      PERSONALIZE_DATASET_GROUP_ARN: 'arn:group',
      PERSONALIZE_DELETION_ROLE_ARN: 'arn:role',
      PERSONALIZE_DELETION_S3_PREFIX: 's3://erasures/personalize/',
    };
    expect(parse({ ...PERSONALIZE, ...erasure }).PERSONALIZE_DELETION_S3_PREFIX).toBe(
      's3://erasures/personalize/',
    );
    expect(() => parse({ ...PERSONALIZE, ...erasure, PERSONALIZE_DELETION_S3_PREFIX: 'erasures' })).toThrow(
      /PERSONALIZE_DELETION_S3_PREFIX: must be s3:\/\/bucket\/prefix\//,
    );
  });
});
