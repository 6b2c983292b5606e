import type { RouteConfig } from '@asteasolutions/zod-to-openapi';
import { z } from 'zod';
import { errors } from '@photo/shared/errors/errors';
import { DOCUMENTED_ERRORS as E, documented } from '@photo/shared/http/openapi';
import {
  inboxQuery,
  likeParams,
  likeRequest,
  notificationParams,
  preferencesInput,
  pushSubscriptionDeleteQuery,
  pushSubscriptionInput,
} from '../routes/notification-schemas';
import * as views from './notification-views';
import { jsonBodyErrors, ok, operation } from './openapi-operation';

const TAGS = ['Likes and notifications'];
const invalidCursor = documented(errors.invalidCursor(), '`after` is not a cursor this inbox issued.');
const notVisible = {
  ...E.imageNotFound,
  description:
    'No such image, or one the participant may not like (answered alike, so ids cannot be probed).',
};

/** Likes, the participant's inbox, push subscriptions and notification preferences. */
export const notificationPaths: RouteConfig[] = [
  operation({
    method: 'post',
    path: '/likes',
    operationId: 'likeImage',
    tags: TAGS,
    summary: 'Like an image',
    description: `A participant may like their own images and any look (a look is what the event shows off). The like,
the owner's in-app notification and an outbox event commit together; the notification worker then decides, per the
owner's preferences, quiet hours and rate limits, whether Web Push, e-mail and SMS follow (grouped over a digest
window: "Aiko and 3 others liked your look"). Liking twice is one like (200). A self-like or an event image notifies
nobody.`,
    access: 'participant',
    limited: { per: 'by one participant', setting: 'RATE_LIKES_PER_MINUTE' },
    request: { body: { content: { 'application/json': { schema: likeRequest } } } },
    responses: {
      201: ok('Liked.', views.likeView),
      200: ok('Already liked: nothing changed.', views.likeView),
    },
    errors: [...jsonBodyErrors, notVisible],
  }),
  operation({
    method: 'delete',
    path: '/likes/{imageId}',
    operationId: 'unlikeImage',
    tags: TAGS,
    summary: 'Withdraw a like',
    description: `Idempotent. The liker leaves the notification; when they were its last actor it is deleted, and an unlike
inside the digest window cancels what was about to be sent.`,
    access: 'participant',
    request: { params: likeParams },
    responses: { 204: { description: 'Not liked (any more).' } },
    errors: [E.invalidRequest],
  }),
  operation({
    method: 'get',
    path: '/me/notifications',
    operationId: 'listMyNotifications',
    tags: TAGS,
    summary: 'My notifications, newest first',
    description: 'Each with a one-time thumbnail URL of the liked image and a deep link into the app.',
    access: 'participant',
    request: { query: inboxQuery },
    responses: { 200: ok('A page.', views.inboxView) },
    errors: [
      E.invalidRequest,
      invalidCursor,
      { ...E.dependencyFailed, description: 'The image server failed.' },
    ],
  }),
  operation({
    method: 'get',
    path: '/me/notifications/unread-count',
    operationId: 'countMyUnreadNotifications',
    tags: TAGS,
    summary: 'How many of my notifications are unread',
    access: 'participant',
    responses: { 200: ok('The count.', views.unreadCountView) },
    errors: [],
  }),
  operation({
    method: 'post',
    path: '/me/notifications/{notificationId}/read',
    operationId: 'readMyNotification',
    tags: TAGS,
    summary: 'Mark one notification read',
    description:
      'Idempotent (the first read time is kept). A read notification sends no e-mail that was still waiting.',
    access: 'participant',
    request: { params: notificationParams },
    responses: { 200: ok('The notification.', views.notificationEventView) },
    errors: [
      E.invalidRequest,
      { ...E.notificationNotFound, description: "No such notification, or someone else's." },
    ],
  }),
  operation({
    method: 'post',
    path: '/me/notifications/read-all',
    operationId: 'readAllMyNotifications',
    tags: TAGS,
    summary: 'Mark every notification read',
    access: 'participant',
    responses: { 200: ok('How many changed.', views.readAllView) },
    errors: [],
  }),
  operation({
    method: 'get',
    path: '/push/vapid-public-key',
    operationId: 'getVapidPublicKey',
    tags: TAGS,
    summary: 'The key to subscribe to Web Push with',
    description: "Pass it as `applicationServerKey` to the browser's `pushManager.subscribe()`.",
    access: 'public',
    responses: { 200: ok('The VAPID public key (base64url).', z.object({ publicKey: z.string() })) },
    errors: [{ ...E.unavailable, description: 'Web Push is not configured.' }],
  }),
  operation({
    method: 'post',
    path: '/me/push-subscriptions',
    operationId: 'addMyPushSubscription',
    tags: TAGS,
    summary: 'Register this device for Web Push',
    description:
      "The browser's `PushSubscription.toJSON()`. The endpoint must be https. Registering it again replaces it.",
    access: 'participant',
    request: { body: { content: { 'application/json': { schema: pushSubscriptionInput(false) } } } },
    responses: { 201: ok('Registered.', views.pushSubscriptionView) },
    errors: jsonBodyErrors,
  }),
  operation({
    method: 'delete',
    path: '/me/push-subscriptions',
    operationId: 'removeMyPushSubscriptions',
    tags: TAGS,
    summary: 'Unregister one device (`endpoint`), or all of mine',
    access: 'participant',
    request: { query: pushSubscriptionDeleteQuery },
    responses: { 200: ok('How many were removed.', views.removedView) },
    errors: [E.invalidRequest],
  }),
  operation({
    method: 'get',
    path: '/me/notification-preferences',
    operationId: 'getMyNotificationPreferences',
    tags: TAGS,
    summary: 'Where my notifications go',
    description: 'Until saved: push on, e-mail and SMS off, no quiet hours, UTC.',
    access: 'participant',
    responses: { 200: ok('The preferences.', views.preferencesView) },
    errors: [],
  }),
  operation({
    method: 'put',
    path: '/me/notification-preferences',
    operationId: 'putMyNotificationPreferences',
    tags: TAGS,
    summary: 'Replace where my notifications go',
    description: `Channels on or off, the e-mail address (null: the one registered) and phone (E.164) to use, and quiet hours
(\`HH:MM\` to \`HH:MM\` in \`timeZone\`, may span midnight) during which push and SMS wait. In-app is always on.`,
    access: 'participant',
    request: { body: { content: { 'application/json': { schema: preferencesInput } } } },
    responses: { 200: ok('Saved.', views.preferencesView) },
    errors: jsonBodyErrors,
  }),
];
