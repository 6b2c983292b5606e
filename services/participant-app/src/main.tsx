import { render } from 'preact';
import { registerServiceWorker } from '@photo/web/pwa/register';
import { takeTokenFromAddress } from './join/join-link';
import { ParticipantApp } from './participant-app';

// First of all, before any request: the token leaves the address bar (and the history entry) at once.
const fromAddress = takeTokenFromAddress();

render(<ParticipantApp fromAddress={fromAddress} />, document.getElementById('app')!);
void registerServiceWorker();
