import { render } from 'preact';
import { registerServiceWorker } from '@photo/web/pwa/register';
import { readFragmentToken, takeTokenFromAddress } from './join/join-link';
import { ParticipantApp } from './participant-app';

// First of all, before any request: the token leaves the address bar (and the history entry) at once.
const fromAddress = takeTokenFromAddress();

// A join link opened in the tab the app already runs in changes only the fragment: start again from it, as a fresh
// open does (the start takes the token out of the address).
addEventListener('hashchange', () => {
  if (readFragmentToken(location.hash).present) location.reload();
});

render(<ParticipantApp fromAddress={fromAddress} />, document.getElementById('app')!);
void registerServiceWorker();
