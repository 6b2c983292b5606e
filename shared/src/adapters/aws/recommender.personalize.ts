import { createHash } from 'node:crypto';
import {
  PutEventsCommand,
  PutItemsCommand,
  PutUsersCommand,
  type PersonalizeEventsClient,
} from '@aws-sdk/client-personalize-events';
import {
  GetRecommendationsCommand,
  type PersonalizeRuntimeClient,
} from '@aws-sdk/client-personalize-runtime';
import type { Expression } from '../../domain/gallery';
import type { RecommendationRequest, Recommender, RecommenderErasure } from '../../ports/recommender.port';
import { dependencyError } from './aws-errors';
import type { PersonalizeDataDeletion } from './personalize-data-deletion';

export interface PersonalizeOptions {
  /** The campaign (custom solution) or recommender that answers GetRecommendations. */
  campaignArn: string;
  /** The event tracker's id (PutEvents). */
  trackingId: string;
  usersDatasetArn: string;
  itemsDatasetArn: string;
  /**
   * A filter `EXCLUDE ItemID WHERE Items.ITEM_ID IN ($EXCLUDED_ITEMS)`: the user's own and liked items. Without it
   * exclusions are only applied to what comes back (and the answer may run short).
   */
  excludeFilterArn: string | null;
}

/** PutItems takes 10 items a call; a filter parameter takes 100 values. */
const ITEMS_PER_CALL = 10;
const FILTER_VALUES_MAX = 100;

/**
 * The cloud recommender: Amazon Personalize. Users and items go to their datasets (PutUsers, PutItems), likes to the
 * event tracker (PutEvents, eventType "like"), and recommendations come from the campaign with the current
 * expression as context and the exclusions as filter values.
 */
export class PersonalizeRecommender implements Recommender {
  constructor(
    private readonly runtime: PersonalizeRuntimeClient,
    private readonly events: PersonalizeEventsClient,
    private readonly options: PersonalizeOptions,
    /** Removes erased users from the datasets (null: only their properties are overwritten). */
    private readonly deletion: PersonalizeDataDeletion | null = null,
  ) {}

  async putUser(user: { userId: string; expression: Expression | 'erased' }): Promise<void> {
    await this.call(() =>
      this.events.send(
        new PutUsersCommand({
          datasetArn: this.options.usersDatasetArn,
          users: [{ userId: user.userId, properties: JSON.stringify({ expression: user.expression }) }],
        }),
      ),
    );
  }

  async putItems(items: { itemId: string; createdAt: Date; ownerUserId: string | null }[]): Promise<void> {
    for (let i = 0; i < items.length; i += ITEMS_PER_CALL) {
      const part = items.slice(i, i + ITEMS_PER_CALL).map((item) => ({
        itemId: item.itemId,
        properties: JSON.stringify({
          creationTimestamp: Math.floor(item.createdAt.getTime() / 1000),
          ownerUserId: item.ownerUserId ?? 'none',
        }),
      }));
      await this.call(() =>
        this.events.send(new PutItemsCommand({ datasetArn: this.options.itemsDatasetArn, items: part })),
      );
    }
  }

  async putEvent(event: {
    userId: string;
    itemId: string;
    type: 'like';
    expression: Expression | null;
    at: Date;
  }): Promise<void> {
    await this.call(() =>
      this.events.send(
        new PutEventsCommand({
          trackingId: this.options.trackingId,
          userId: event.userId,
          sessionId: event.userId,
          eventList: [
            {
              // One id per (user, item, type): a retried like is the same event.
              eventId: createHash('sha256')
                .update(`${event.userId}\u0000${event.itemId}\u0000${event.type}`)
                .digest('hex')
                .slice(0, 32),
              eventType: event.type,
              itemId: event.itemId,
              sentAt: event.at,
              ...(event.expression ? { properties: JSON.stringify({ expression: event.expression }) } : {}),
            },
          ],
        }),
      ),
    );
  }

  async recommend(request: RecommendationRequest): Promise<string[]> {
    const excluded = new Set(request.exclude);
    // The filter takes 100 values; anything beyond is dropped from the answer instead, so ask for that many more.
    const filtered = this.options.excludeFilterArn ? request.exclude.slice(0, FILTER_VALUES_MAX) : [];
    const extra = excluded.size - filtered.length;
    const response = await this.call(() =>
      this.runtime.send(
        new GetRecommendationsCommand({
          campaignArn: this.options.campaignArn,
          userId: request.userId,
          numResults: Math.min(500, request.limit + extra),
          ...(request.expression ? { context: { EXPRESSION: request.expression } } : {}),
          ...(this.options.excludeFilterArn && filtered.length > 0
            ? {
                filterArn: this.options.excludeFilterArn,
                filterValues: { EXCLUDED_ITEMS: filtered.map((id) => JSON.stringify(id)).join(',') },
              }
            : {}),
        }),
      ),
    );
    return (response.itemList ?? [])
      .map((item) => item.itemId)
      .filter((id): id is string => typeof id === 'string' && !excluded.has(id))
      .slice(0, request.limit);
  }

  /**
   * Personalize's runtime and events APIs cannot delete a user: this overwrites the user's properties at once, so no
   * expression is kept, then starts a data deletion job that removes the user and their interactions from the
   * datasets (it runs for minutes to hours; the models forget them at their next training).
   */
  async deleteUser(userId: string): Promise<void> {
    await this.putUser({ userId, expression: 'erased' });
    await this.deletion?.start(userId);
  }

  /** The user's data deletion job, as Personalize describes it (`not-started` without deletion configured). */
  async erasure(userId: string): Promise<RecommenderErasure> {
    if (!this.deletion) return { state: 'not-started', jobId: null, reason: null };
    return this.deletion.progress(userId);
  }

  private async call<T>(send: () => Promise<T>): Promise<T> {
    try {
      return await send();
    } catch (err) {
      throw dependencyError('Amazon Personalize', err);
    }
  }
}
