/** What the staff app's calls need: the card (check-in) and the photo upload. */
export const PERMISSIONS_NEEDED = ['checkin:participants', 'upload:photos'] as const;
