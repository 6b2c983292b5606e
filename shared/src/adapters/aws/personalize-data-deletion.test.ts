import { PersonalizeClient } from '@aws-sdk/client-personalize';
import { PersonalizeEventsClient } from '@aws-sdk/client-personalize-events';
import { PersonalizeRuntimeClient } from '@aws-sdk/client-personalize-runtime';
import { S3Client } from '@aws-sdk/client-s3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  fakeAwsClientConfig,
  sigV4Pattern,
  startFakeAws,
  type AwsCall,
  type AwsReply,
} from '../../testing/fake-aws-server';
import { PersonalizeDataDeletion } from './personalize-data-deletion';
import { PersonalizeRecommender } from './recommender.personalize';

const DATASET_GROUP = 'arn:aws:personalize:eu-west-1:123456789012:dataset-group/gallery';
const ROLE = 'arn:aws:iam::123456789012:role/personalize-deletion';

describe('erasure in Personalize: a data deletion job, through the real SDK against a loopback server', () => {
  let reply: (call: AwsCall) => AwsReply;
  let fake: Awaited<ReturnType<typeof startFakeAws>>;
  let recommender: PersonalizeRecommender;
  let clients: { destroy(): void }[];

  beforeAll(async () => {
    fake = await startFakeAws((call) => reply(call));
    const config = fakeAwsClientConfig(fake.endpoint);
    const personalize = new PersonalizeClient(config);
    const s3 = new S3Client({ ...config, forcePathStyle: true });
    const runtime = new PersonalizeRuntimeClient(config);
    const events = new PersonalizeEventsClient(config);
    clients = [personalize, s3, runtime, events];
    recommender = new PersonalizeRecommender(
      runtime,
      events,
      {
        campaignArn: 'arn:aws:personalize:eu-west-1:123456789012:campaign/gallery',
        trackingId: 'tracking-1',
        usersDatasetArn: `${DATASET_GROUP}/USERS`,
        itemsDatasetArn: `${DATASET_GROUP}/ITEMS`,
        excludeFilterArn: null,
      },
      new PersonalizeDataDeletion(personalize, s3, {
        datasetGroupArn: DATASET_GROUP,
        roleArn: ROLE,
        s3Prefix: 's3://gallery-erasures/personalize',
      }),
    );
  });
  afterAll(async () => {
    for (const c of clients) c.destroy();
    await fake.close();
  });

  it('when a user is erased, then their properties are overwritten, their id is written to S3 and a deletion job reads it', async () => {
    fake.calls.length = 0;
    reply = (call) =>
      call.operation === 'AmazonPersonalize.CreateDataDeletionJob'
        ? {
            body: {
              dataDeletionJobArn: 'arn:aws:personalize:eu-west-1:123456789012:data-deletion-job/erase',
            },
          }
        : { body: {} };
    await recommender.deleteUser('gu_erased');

    const [users, put, job] = fake.calls;
    expect(users!.operation).toBe('POST /users');
    expect(put!.operation).toMatch(/^PUT \/gallery-erasures\/personalize\/erase-[0-9a-f]{40}\.csv$/);
    expect(put!.headers.authorization).toMatch(sigV4Pattern('s3'));
    expect(put!.body).toEqual({ text: 'USER_ID\ngu_erased\n' });
    expect(job!.operation).toBe('AmazonPersonalize.CreateDataDeletionJob');
    expect(job!.headers.authorization).toMatch(sigV4Pattern('personalize'));
    const key = put!.operation.slice('PUT /gallery-erasures/'.length);
    expect(job!.body).toEqual({
      jobName: key.slice('personalize/'.length, -'.csv'.length),
      datasetGroupArn: DATASET_GROUP,
      roleArn: ROLE,
      dataSource: { dataLocation: `s3://gallery-erasures/${key}` },
    });
  });

  it('when the erasure is retried and its job exists already, then it succeeds without another job', async () => {
    reply = (call) =>
      call.operation === 'AmazonPersonalize.CreateDataDeletionJob'
        ? { errorType: 'ResourceAlreadyExistsException', body: {} }
        : { body: {} };
    await expect(recommender.deleteUser('gu_erased')).resolves.toBeUndefined();
  });

  it('when Personalize refuses the job, then DEPENDENCY.FAILED, so the erasure is retried', async () => {
    reply = (call) =>
      call.operation === 'AmazonPersonalize.CreateDataDeletionJob'
        ? { errorType: 'LimitExceededException', body: {} }
        : { body: {} };
    await expect(recommender.deleteUser('gu_other')).rejects.toMatchObject({ code: 'DEPENDENCY.FAILED' });
  });

  it('when an erasure is followed, then the job Personalize describes gives its state, its ARN and why it failed', async () => {
    const describe = (status: string, failureReason?: string) => (call: AwsCall) =>
      call.operation === 'AmazonPersonalize.DescribeDataDeletionJob'
        ? { body: { dataDeletionJob: { status, ...(failureReason ? { failureReason } : {}) } } }
        : { body: {} };
    fake.calls.length = 0;
    reply = describe('IN_PROGRESS');
    const running = await recommender.erasure('gu_erased');
    expect(running).toEqual({
      state: 'in-progress',
      jobId: expect.stringMatching(
        /^arn:aws:personalize:eu-west-1:123456789012:data-deletion-job\/erase-[0-9a-f]{40}$/,
      ),
      reason: null,
    });
    expect(fake.calls[0]!.body).toEqual({ dataDeletionJobArn: running.jobId });
    reply = describe('COMPLETED');
    expect((await recommender.erasure('gu_erased')).state).toBe('completed');
    reply = describe('FAILED', 'AccessDenied on the S3 object');
    expect(await recommender.erasure('gu_erased')).toMatchObject({
      state: 'failed',
      reason: 'AccessDenied on the S3 object',
    });
  });

  it('when no job was started for the user, then not-started; when Personalize fails, then DEPENDENCY.FAILED', async () => {
    reply = () => ({ errorType: 'ResourceNotFoundException', body: {} });
    expect(await recommender.erasure('gu_never')).toEqual({
      state: 'not-started',
      jobId: null,
      reason: null,
    });
    reply = () => ({ errorType: 'ThrottlingException', body: {} });
    await expect(recommender.erasure('gu_never')).rejects.toMatchObject({ code: 'DEPENDENCY.FAILED' });
  });
});
