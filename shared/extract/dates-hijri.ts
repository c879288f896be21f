/**
 * Hijri -> Gregorian, the way Saudi and Gulf wire copy dates things: the Umm al-Qura calendar.
 * Umm al-Qura is not a table anyone can derive from a formula alone, so this is an approximation
 * from first principles, computed here (no table copied from anywhere):
 *
 *   a month begins the day after its 29th day when, on that day at Mecca, the conjunction
 *   (new moon) happened before sunset and the moon sets after the sun; otherwise a day later.
 *
 * The 29th day is taken to be the Mecca date of the conjunction. New moon times follow Meeus
 * (Astronomical Algorithms, ch. 49, main periodic terms: minutes of error); sun and moon
 * positions the low-precision series of ch. 25 and 47 (a few hundredths of a degree), which
 * is enough to decide moonset vs sunset except within a minute or two.
 *
 * Caveat: ±1 day. Official Umm al-Qura dates have followed other rules before 1420 AH and have
 * occasionally been adjusted by decree; on a knife-edge evening this rule may pick the other day.
 * Pure arithmetic, no clock, no I/O; results are memoised per month.
 */
const RAD = Math.PI / 180;
const sin = (deg: number): number => Math.sin(deg * RAD);
const cos = (deg: number): number => Math.cos(deg * RAD);
const norm360 = (deg: number): number => ((deg % 360) + 360) % 360;

/** Mecca (Masjid al-Haram): latitude, longitude east, and its civil offset from UT (hours). */
const MECCA = { latitude: 21.4225, longitude: 39.8262, utcOffsetHours: 3 } as const;

/** The tabular (arithmetical, civil epoch) Islamic calendar: a first guess within two days. */
function tabularJulianDay(year: number, month: number, day: number): number {
  return day + Math.ceil(29.5 * (month - 1)) + (year - 1) * 354 + Math.floor((3 + 11 * year) / 30) + 1948439.5 - 1;
}

/** ΔT = TT − UT in seconds (Espenak–Meeus polynomials, good enough at the minute scale). */
function deltaTSeconds(year: number): number {
  const t = year - 2000;
  if (year >= 2005 && year < 2050) return 62.92 + 0.32217 * t + 0.005589 * t * t;
  if (year >= 1986 && year < 2005) return 63.86 + 0.3345 * t - 0.060374 * t * t + 0.0017275 * t ** 3 + 0.000651814 * t ** 4 + 0.00002373599 * t ** 5;
  if (year >= 1961 && year < 1986) {
    const u = year - 1975;
    return 45.45 + 1.067 * u - (u * u) / 260 - u ** 3 / 718;
  }
  // Far from today the rule itself is the weaker part; a rough parabola will do.
  const u = (year - 1820) / 100;
  return -20 + 32 * u * u;
}

/** Julian Ephemeris Day of the new moon of lunation k (k = 0 near 2000-01-06), Meeus ch. 49. */
export function newMoonJde(k: number): number {
  const T = k / 1236.85;
  const jde = 2451550.09766 + 29.530588861 * k + 0.00015437 * T * T - 0.00000015 * T ** 3 + 0.00000000073 * T ** 4;
  const E = 1 - 0.002516 * T - 0.0000074 * T * T;
  const M = 2.5534 + 29.1053567 * k - 0.0000014 * T * T - 0.00000011 * T ** 3;
  const Mp = 201.5643 + 385.81693528 * k + 0.0107582 * T * T + 0.00001238 * T ** 3 - 0.000000058 * T ** 4;
  const F = 160.7108 + 390.67050284 * k - 0.0016118 * T * T - 0.00000227 * T ** 3 + 0.000000011 * T ** 4;
  const omega = 124.7746 - 1.56375588 * k + 0.0020672 * T * T + 0.00000215 * T ** 3;
  const correction =
    -0.4072 * sin(Mp) +
    0.17241 * E * sin(M) +
    0.01608 * sin(2 * Mp) +
    0.01039 * sin(2 * F) +
    0.00739 * E * sin(Mp - M) -
    0.00514 * E * sin(Mp + M) +
    0.00208 * E * E * sin(2 * M) -
    0.00111 * sin(Mp - 2 * F) -
    0.00057 * sin(Mp + 2 * F) +
    0.00056 * E * sin(2 * Mp + M) -
    0.00042 * sin(3 * Mp) +
    0.00042 * E * sin(M + 2 * F) +
    0.00038 * E * sin(M - 2 * F) -
    0.00024 * E * sin(2 * Mp - M) -
    0.00017 * sin(omega) -
    0.00007 * sin(Mp + 2 * M) +
    0.00004 * sin(2 * Mp - 2 * F) +
    0.00004 * sin(3 * M) +
    0.00003 * sin(Mp + M - 2 * F) +
    0.00003 * sin(2 * Mp + 2 * F) -
    0.00003 * sin(Mp + M + 2 * F) +
    0.00003 * sin(Mp - M + 2 * F) -
    0.00002 * sin(Mp - M - 2 * F) -
    0.00002 * sin(3 * Mp + M) +
    0.00002 * sin(4 * Mp);
  return jde + correction;
}

interface Equatorial {
  readonly ra: number;
  readonly dec: number;
}

function toEquatorial(longitude: number, latitude: number, obliquity: number): Equatorial {
  const ra = Math.atan2(sin(longitude) * cos(obliquity) - Math.tan(latitude * RAD) * sin(obliquity), cos(longitude)) / RAD;
  const dec = Math.asin(sin(latitude) * cos(obliquity) + cos(latitude) * sin(obliquity) * sin(longitude)) / RAD;
  return { ra: norm360(ra), dec };
}

const centuries = (jd: number): number => (jd - 2451545) / 36525;
const obliquityOf = (T: number): number => 23.439291 - 0.0130042 * T;

/** Apparent sun, Meeus ch. 25 (low accuracy). */
function sunAt(jd: number): Equatorial {
  const T = centuries(jd);
  const L0 = 280.46646 + 36000.76983 * T;
  const M = 357.52911 + 35999.05029 * T;
  const C = (1.914602 - 0.004817 * T) * sin(M) + (0.019993 - 0.000101 * T) * sin(2 * M) + 0.000289 * sin(3 * M);
  const omega = 125.04 - 1934.136 * T;
  const longitude = L0 + C - 0.00569 - 0.00478 * sin(omega);
  return toEquatorial(longitude, 0, obliquityOf(T) + 0.00256 * cos(omega));
}

/** Geocentric moon, Meeus ch. 47 truncated to its largest terms. */
function moonAt(jd: number): Equatorial {
  const T = centuries(jd);
  const Lp = 218.3164477 + 481267.88123421 * T;
  const D = 297.8501921 + 445267.1114034 * T;
  const M = 357.5291092 + 35999.0502909 * T;
  const Mp = 134.9633964 + 477198.8675055 * T;
  const F = 93.272095 + 483202.0175233 * T;
  const E = 1 - 0.002516 * T;
  const longitude =
    Lp +
    (6288774 * sin(Mp) +
      1274027 * sin(2 * D - Mp) +
      658314 * sin(2 * D) +
      213618 * sin(2 * Mp) -
      185116 * E * sin(M) -
      114332 * sin(2 * F) +
      58793 * sin(2 * D - 2 * Mp) +
      57066 * E * sin(2 * D - M - Mp) +
      53322 * sin(2 * D + Mp) +
      45758 * E * sin(2 * D - M) -
      40923 * E * sin(M - Mp) -
      34720 * sin(D) -
      30383 * E * sin(M + Mp) +
      15327 * sin(2 * D - 2 * F) -
      12528 * sin(Mp + 2 * F) +
      10980 * sin(Mp - 2 * F) +
      10675 * sin(4 * D - Mp) +
      10034 * sin(3 * Mp) +
      8548 * sin(4 * D - 2 * Mp)) /
      1e6;
  const latitude =
    (5128122 * sin(F) +
      280602 * sin(Mp + F) +
      277693 * sin(Mp - F) +
      173237 * sin(2 * D - F) +
      55413 * sin(2 * D - Mp + F) +
      46271 * sin(2 * D - Mp - F) +
      32573 * sin(2 * D + F) +
      17198 * sin(2 * Mp + F) +
      9266 * sin(2 * D + Mp - F) +
      8822 * sin(2 * Mp - F)) /
    1e6;
  return toEquatorial(longitude, latitude, obliquityOf(T));
}

/** Greenwich mean sidereal time in degrees at a UT Julian day. */
function siderealDegrees(jd: number): number {
  const T = centuries(jd);
  return norm360(280.46061837 + 360.98564736629 * (jd - 2451545) + 0.000387933 * T * T - T ** 3 / 38710000);
}

/** Altitude (degrees) of the body's centre at setting: refraction, semi-diameter, and for the moon parallax. */
const SUN_SET_ALTITUDE = -0.8333;
const MOON_SET_ALTITUDE = 0.125;

/**
 * UT Julian day at which the body sets at Mecca on the evening of the civil day that starts at
 * `localMidnightUt`; null when it neither rises nor sets (never at Mecca's latitude).
 */
function settingTime(position: (jd: number) => Equatorial, altitude: number, localMidnightUt: number): number | null {
  let jd = localMidnightUt + 18 / 24; // a first guess: six in the evening
  for (let i = 0; i < 6; i++) {
    const { ra, dec } = position(jd);
    const cosH = (sin(altitude) - sin(MECCA.latitude) * sin(dec)) / (cos(MECCA.latitude) * cos(dec));
    if (cosH < -1 || cosH > 1) return null;
    const setHourAngle = Math.acos(cosH) / RAD;
    const hourAngle = norm360(siderealDegrees(jd) + MECCA.longitude - ra);
    let delta = setHourAngle - hourAngle;
    if (delta > 180) delta -= 360;
    if (delta < -180) delta += 360;
    const step = delta / 360.98564736629;
    jd += step;
    if (Math.abs(step) < 1e-5) break;
  }
  return jd;
}

/** The Mecca-local civil day number (days since 1970-01-01) of a UT Julian day. */
const meccaDay = (jd: number): number => Math.floor(jd - 2440587.5 + MECCA.utcOffsetHours / 24);
const dayToIso = (day: number): string => new Date(day * 86400000).toISOString().slice(0, 10);

const monthStarts = new Map<number, number>();

/** Day number (days since 1970-01-01) on which Hijri month `month` of `year` begins. */
export function hijriMonthStart(year: number, month: number): number {
  const id = year * 12 + month;
  const cached = monthStarts.get(id);
  if (cached !== undefined) return cached;
  const guess = tabularJulianDay(year, month, 1);
  // The conjunction that ends the previous month: the one nearest to (just before) the guess.
  const k = Math.round((guess - 1 - 2451550.09766) / 29.530588861);
  const approxYear = 2000 + k / 12.3685;
  const conjunctionUt = newMoonJde(k) - deltaTSeconds(approxYear) / 86400;
  const day29 = meccaDay(conjunctionUt);
  const localMidnightUt = day29 + 2440587.5 - MECCA.utcOffsetHours / 24;
  const sunset = settingTime(sunAt, SUN_SET_ALTITUDE, localMidnightUt);
  const moonset = settingTime(moonAt, MOON_SET_ALTITUDE, localMidnightUt);
  const seen = sunset !== null && moonset !== null && conjunctionUt < sunset && moonset > sunset;
  const start = day29 + (seen ? 1 : 2);
  monthStarts.set(id, start);
  return start;
}

/** Years the approximation is offered for: the Hijri years of modern news, with margin. */
export const HIJRI_YEARS = { min: 1300, max: 1600 } as const;

/**
 * `YYYY-MM-DD` (Gregorian) for a Hijri date, or null when the parts are not a date. Day 30 of a
 * 29-day month is accepted (sources disagree on month lengths) and lands on the next day.
 */
export function hijriToGregorian(year: number, month: number, day: number): string | null {
  if (!Number.isInteger(year) || year < HIJRI_YEARS.min || year > HIJRI_YEARS.max) return null;
  if (!Number.isInteger(month) || month < 1 || month > 12 || !Number.isInteger(day) || day < 1 || day > 30) return null;
  return dayToIso(hijriMonthStart(year, month) + day - 1);
}

/**
 * The Gregorian month (`YYYY-MM`) a Hijri month is best filed under: the one holding its 15th
 * day. A Hijri month straddles two Gregorian months; its middle decides.
 */
export function hijriMonthToGregorian(year: number, month: number): string | null {
  return hijriToGregorian(year, month, 15)?.slice(0, 7) ?? null;
}

/** The Gregorian year holding the middle of a Hijri year (1 Rajab). */
export function hijriYearToGregorian(year: number): string | null {
  return hijriToGregorian(year, 7, 1)?.slice(0, 4) ?? null;
}
