import eventDayCore from './migrations/001-event-day-core';
import colourPipeline from './migrations/002-colour-pipeline';
import likesNotifications from './migrations/003-likes-notifications';
import faceGallery from './migrations/004-face-gallery';
import uploadPipeline from './migrations/005-upload-pipeline';
import leaseOwner from './migrations/006-lease-owner';
import gallerySessions from './migrations/007-gallery-sessions';
import rateLimits from './migrations/008-rate-limits';
import paletteLinks from './migrations/008-palette-links';
import participantTokens from './migrations/009-participant-tokens';
import auditLog from './migrations/010-audit-log';
import dashboardCounts from './migrations/011-dashboard-counts';
import notificationActorCount from './migrations/012-notification-actor-count';
import automation from './migrations/013-automation';

/**
 * Schema migrations, applied in this order, each once, recorded by name in `schema_migrations`. Append only: a
 * feature adds its own file under migrations/ and one line here.
 */
export const MIGRATIONS: { name: string; sql: string }[] = [
  { name: '001-event-day-core', sql: eventDayCore },
  { name: '002-colour-pipeline', sql: colourPipeline },
  { name: '003-likes-notifications', sql: likesNotifications },
  { name: '004-face-gallery', sql: faceGallery },
  { name: '005-upload-pipeline', sql: uploadPipeline },
  { name: '006-lease-owner', sql: leaseOwner },
  { name: '007-gallery-sessions', sql: gallerySessions },
  { name: '008-rate-limits', sql: rateLimits },
  { name: '008-palette-links', sql: paletteLinks },
  { name: '009-participant-tokens', sql: participantTokens },
  { name: '010-audit-log', sql: auditLog },
  { name: '011-dashboard-counts', sql: dashboardCounts },
  { name: '012-notification-actor-count', sql: notificationActorCount },
  { name: '013-automation', sql: automation },
];
