/** The events context's public face: other contexts import only this file. */
export { recordEvents, type EventActor } from './events.service.ts';
export { claimUndispatched, markDispatched, lockEventForFanout, saveFanoutProgress } from './events.repository.ts';
