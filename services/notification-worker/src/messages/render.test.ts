import { describe, expect, it } from 'vitest';
import type { Notification } from '@photo/shared/domain/notification';
import { renderLikeNotification } from './render';

const notification = (actors: number): Notification => ({
  notificationId: 'ntf_00000000000000000000',
  recipientVisitorId: 'v_00000000000000000000',
  type: 'like',
  imageId: 'img_00000000000000000000',
  actorCount: actors,
  actorVisitorIds: Array.from({ length: Math.min(actors, 10) }, (_, i) => `v_${String(i).padStart(20, '0')}`),
  createdAt: new Date(0),
  updatedAt: new Date(0),
  readAt: null,
  closedAt: null,
});

const render = (actors: number, name = 'Aiko', kind = 'participant-photo') =>
  renderLikeNotification({
    notification: notification(actors),
    latestActorName: name,
    imageKind: kind,
    deepLinkBase: 'eventphoto://images/',
  });

describe('renderLikeNotification', () => {
  it('when one, two or four people liked, then the title groups them as "X and N others"', () => {
    expect(render(1).title).toBe('Aiko liked your photo');
    expect(render(2).title).toBe('Aiko and 1 other liked your photo');
    expect(render(4, 'Aiko', 'look').title).toBe('Aiko and 3 others liked your look');
  });

  it('when rendered, then every channel carries the title and the deep link, and push carries a tag per group', () => {
    const r = render(3);
    expect(r.deepLink).toBe('eventphoto://images/img_00000000000000000000');
    expect(JSON.parse(r.push)).toMatchObject({
      title: 'Aiko and 2 others liked your photo',
      url: r.deepLink,
      tag: 'ntf_00000000000000000000',
      actorCount: 3,
    });
    expect(r.email.subject).toBe('Aiko and 2 others liked your photo');
    expect(r.email.text).toContain(r.deepLink);
    expect(r.sms).toBe('Aiko and 2 others liked your photo: eventphoto://images/img_00000000000000000000');
  });

  it('when a name holds markup, then the HTML e-mail escapes it', () => {
    expect(render(1, '<b>Eve</b> & co').email.html).toContain('&lt;b&gt;Eve&lt;/b&gt; &amp; co');
  });
});
