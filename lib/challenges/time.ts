/** Small clock helpers shared by the challenge verbs and the serializer. */
export const addSeconds = (d: Date, seconds: number): Date => new Date(d.getTime() + seconds * 1000);

/** Whole seconds from `now` until `until`, never negative. */
export const secondsUntil = (until: Date, now: Date): number => Math.max(0, Math.ceil((until.getTime() - now.getTime()) / 1000));
