// Publication dates as feeds and sites print them: read strictly, never given a made-up month.
import { expect, test } from '@jest/globals';
import { monthOf } from '../../dist/index.js';

test.each([
  ['2005-01-17', '2005-01'],
  ['2005-01-31T23:30:00-05:00', '2005-01'], // its own zone: not February in UTC
  ['Mon, 31 Jan 2005 23:30:00 -0500', '2005-01'],
  ['Mon, 17 Jan 2005 10:00:00 GMT', '2005-01'],
  ['17 January 2005', '2005-01'],
  ['17th January 2005', '2005-01'],
  ['January 17, 2005', '2005-01'],
  ['Jan 17 2005', '2005-01'],
  ['Monday, 17 January 2005', '2005-01'],
  ['September 2016', '2016-09'],
  ['2005/01/17', '2005-01'],
])('%s is %s', (date, month) => expect(monthOf(date)).toBe(month));

test.each(['Monday', 'yesterday', '2005', '03/04/2005', '2005-13-01', '31 February 2005', 'Mon, 07 Jan 2005 (the' + ' day)', '', '   '])('%j is no month', (date) => {
  expect(monthOf(date)).toBeNull();
});
