import { describe, expect, it } from 'vitest';
import { parseConfig } from '@photo/shared/config/parse-config';
import { galleryConfigSchema, requireAwsIdentity, requirePersonalize } from './config';

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

describe('gallery config: AWS identity', () => {
  const parse = (env: Record<string, string>) => parseConfig(requireAwsIdentity(galleryConfigSchema), env);
  const identity = {
    AWS_ROLE_ARN: 'arn:aws:iam::123456789012:role/event-photo-gallery',
    AWS_WEB_IDENTITY_AUDIENCE: 'event-photo-gallery-aws',
    AWS_REGION: 'ap-northeast-1',
  };

  it('when Rekognition is chosen without the role and audience, then both are listed; local needs neither', () => {
    expect(() => parse({ GALLERY_FACES: 'rekognition' })).toThrow(
      /AWS_ROLE_ARN: required[\s\S]*AWS_WEB_IDENTITY_AUDIENCE: required/,
    );
    expect(parse({}).AWS_ROLE_ARN).toBeUndefined();
  });

  it('when the role is no IAM role ARN or the region no AWS region, then each is refused', () => {
    expect(parse({ GALLERY_FACES: 'rekognition', ...identity })).toMatchObject(identity);
    expect(() => parse({ ...identity, AWS_ROLE_ARN: 'arn:aws:s3:::bucket', AWS_REGION: 'tokyo' })).toThrow(
      /AWS_REGION: an AWS region[\s\S]*AWS_ROLE_ARN: an IAM role ARN/,
    );
  });
});
