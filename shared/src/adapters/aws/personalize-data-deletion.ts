import {
  CreateDataDeletionJobCommand,
  DescribeDataDeletionJobCommand,
  ResourceAlreadyExistsException,
  ResourceNotFoundException,
  type PersonalizeClient,
} from '@aws-sdk/client-personalize';
import { PutObjectCommand, type S3Client } from '@aws-sdk/client-s3';
import { createHash } from 'node:crypto';
import type { RecommenderErasure } from '../../ports/recommender.port';
import { dependencyError } from './aws-errors';

/** Personalize's job states (PENDING > IN_PROGRESS > COMPLETED or FAILED), as the port names them. */
const STATES: Record<string, RecommenderErasure['state']> = {
  PENDING: 'pending',
  IN_PROGRESS: 'in-progress',
  COMPLETED: 'completed',
  FAILED: 'failed',
};

export interface PersonalizeDeletionOptions {
  /** The dataset group whose datasets hold the users and their interactions. */
  datasetGroupArn: string;
  /** The role Personalize assumes to read the list of users to delete. */
  roleArn: string;
  /** Where the lists go: `s3://bucket/prefix/`. */
  s3Prefix: string;
}

/**
 * Deletes a user's records from Personalize's datasets (the user, their interactions) with a data deletion job: the
 * job reads a CSV of USER_IDs from S3, so one file per user is written first. The job's name is derived from the
 * user, so a retried erasure finds its job already started instead of starting another.
 */
export class PersonalizeDataDeletion {
  constructor(
    private readonly personalize: PersonalizeClient,
    private readonly s3: S3Client,
    private readonly options: PersonalizeDeletionOptions,
  ) {}

  /** Starts the user's deletion job and answers its ARN (null when an earlier call had started it). */
  async start(userId: string): Promise<string | null> {
    const jobName = this.jobName(userId);
    const { bucket, key } = this.location(`${jobName}.csv`);
    try {
      await this.s3.send(
        new PutObjectCommand({
          Bucket: bucket,
          Key: key,
          Body: `USER_ID\n${userId}\n`,
          ContentType: 'text/csv',
        }),
      );
      const job = await this.personalize.send(
        new CreateDataDeletionJobCommand({
          jobName,
          datasetGroupArn: this.options.datasetGroupArn,
          roleArn: this.options.roleArn,
          dataSource: { dataLocation: `s3://${bucket}/${key}` },
        }),
      );
      return job.dataDeletionJobArn ?? null;
    } catch (err) {
      if (err instanceof ResourceAlreadyExistsException) return null;
      throw dependencyError('Amazon Personalize data deletion', err);
    }
  }

  /**
   * The user's job as Personalize records it. Its ARN follows from its name and the dataset group's region and
   * account, so nothing of the erased user need be kept here to find it.
   */
  async progress(userId: string): Promise<RecommenderErasure> {
    const jobId = this.options.datasetGroupArn.replace(
      /:dataset-group\/.*$/,
      `:data-deletion-job/${this.jobName(userId)}`,
    );
    try {
      const { dataDeletionJob: job } = await this.personalize.send(
        new DescribeDataDeletionJobCommand({ dataDeletionJobArn: jobId }),
      );
      const state = STATES[job?.status ?? ''] ?? 'pending';
      return { state, jobId, reason: state === 'failed' ? (job?.failureReason ?? null) : null };
    } catch (err) {
      if (err instanceof ResourceNotFoundException)
        return { state: 'not-started', jobId: null, reason: null };
      throw dependencyError('Amazon Personalize data deletion', err);
    }
  }

  private jobName(userId: string): string {
    return `erase-${createHash('sha256').update(userId).digest('hex').slice(0, 40)}`;
  }

  private location(file: string): { bucket: string; key: string } {
    const match = /^s3:\/\/([^/]+)\/?(.*)$/.exec(this.options.s3Prefix);
    if (!match) throw new Error(`not an s3:// prefix: ${this.options.s3Prefix}`);
    const prefix = match[2] && !match[2].endsWith('/') ? `${match[2]}/` : (match[2] ?? '');
    return { bucket: match[1]!, key: `${prefix}${file}` };
  }
}
