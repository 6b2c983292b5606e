import { z } from 'zod';
import { imageIdSchema, notificationIdSchema } from '@photo/shared/domain/ids';
import { clockTime, timeZoneSchema } from '@photo/shared/domain/notification';
import { queryInteger } from '@photo/shared/http/validate';

/** Request shapes of likes, the inbox and notification settings (the OpenAPI document is built from these too). */

export const NOTIFICATION_TAGS = ['Likes and notifications'];

export const likeRequest = z.object({ imageId: imageIdSchema }).strict();
export const likeParams = z.object({ imageId: imageIdSchema });
export const notificationParams = z.object({ notificationId: notificationIdSchema });

export const inboxQuery = z
  .object({
    limit: queryInteger({ min: 1, max: 50, default: 20 }),
    after: z.string().max(512).optional(),
  })
  .strict();

const base64url = (bytes: number) =>
  z
    .string()
    .regex(/^[A-Za-z0-9_-]+={0,2}$/, 'must be base64url')
    .refine((s) => Buffer.from(s, 'base64url').length === bytes, `must encode ${bytes} bytes`);

/**
 * A push endpoint must be https (push services are). Plain http is accepted only for 127.0.0.1 and only when the
 * deployment allows it (tests run a push service on loopback); anything else would let a client point the worker
 * at arbitrary hosts. The schema takes the loopback form; the route refuses it unless the deployment allows it.
 */
export const isAllowedPushEndpoint = (url: string, allowLoopbackHttp: boolean): boolean =>
  url.startsWith('https://') || (allowLoopbackHttp && /^http:\/\/127\.0\.0\.1(:\d+)?\//.test(url));

export const pushSubscriptionInput = z
  .object({
    endpoint: z
      .url()
      .max(2048)
      .refine((u) => isAllowedPushEndpoint(u, true), 'must be an https URL'),
    /** PushSubscription.toJSON() also carries this; it is not used. */
    expirationTime: z.number().nullable().optional(),
    keys: z.object({ p256dh: base64url(65), auth: base64url(16) }).strict(),
  })
  .strict();

export const pushSubscriptionDeleteQuery = z.object({ endpoint: z.url().max(2048).optional() }).strict();

export const preferencesInput = z
  .object({
    channels: z.object({ push: z.boolean(), email: z.boolean(), sms: z.boolean() }).strict(),
    email: z.email().max(254).nullable(),
    phone: z
      .string()
      .regex(/^\+[1-9][0-9]{6,14}$/, 'must be an E.164 number (+819012345678)')
      .nullable(),
    quietHours: z.object({ start: clockTime, end: clockTime }).strict().nullable(),
    timeZone: timeZoneSchema,
  })
  .strict();
