// Locates the first syntax error in a JSON text. Only called after JSON.parse has failed, because V8's
// messages do not always carry a position and do quote the payload (which must not reach logs).
// Returns the offset of the offending character (text.length when the text ends early).

export function findJsonError(text: string): number {
  const p = new Locator(text);
  try {
    p.ws();
    p.value();
    p.ws();
    return p.i < text.length ? p.i : -1;
  } catch (at) {
    return typeof at === 'number' ? at : p.i;
  }
}

class Locator {
  readonly t: string;
  i = 0;
  constructor(t: string) {
    this.t = t;
  }
  ws(): void {
    while (this.i < this.t.length && ' \t\r\n'.includes(this.t[this.i] as string)) this.i++;
  }
  value(): void {
    const c = this.t[this.i];
    if (c === '{') return this.object();
    if (c === '[') return this.array();
    if (c === '"') return this.string();
    if (c === '-' || (c !== undefined && c >= '0' && c <= '9')) return this.number();
    for (const lit of ['true', 'false', 'null']) {
      if (this.t.startsWith(lit, this.i)) { this.i += lit.length; return; }
    }
    throw this.i;
  }
  object(): void {
    this.i++;
    this.ws();
    if (this.t[this.i] === '}') { this.i++; return; }
    for (;;) {
      this.ws();
      if (this.t[this.i] !== '"') throw this.i;
      this.string();
      this.ws();
      if (this.t[this.i] !== ':') throw this.i;
      this.i++;
      this.ws();
      this.value();
      this.ws();
      const c = this.t[this.i];
      if (c === '}') { this.i++; return; }
      if (c !== ',') throw this.i;
      this.i++;
    }
  }
  array(): void {
    this.i++;
    this.ws();
    if (this.t[this.i] === ']') { this.i++; return; }
    for (;;) {
      this.ws();
      this.value();
      this.ws();
      const c = this.t[this.i];
      if (c === ']') { this.i++; return; }
      if (c !== ',') throw this.i;
      this.i++;
    }
  }
  string(): void {
    this.i++;
    for (;;) {
      const c = this.t.charCodeAt(this.i);
      if (Number.isNaN(c) || c < 0x20) throw this.i;
      if (c === 34) { this.i++; return; }
      if (c === 92) {
        const e = this.t[this.i + 1];
        if (e === 'u') {
          if (!/^[0-9a-fA-F]{4}$/.test(this.t.slice(this.i + 2, this.i + 6))) throw this.i;
          this.i += 6;
        } else if (e !== undefined && '"\\/bfnrt'.includes(e)) this.i += 2;
        else throw this.i;
      } else this.i++;
    }
  }
  number(): void {
    const m = /^-?(0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?/.exec(this.t.slice(this.i, this.i + 400));
    if (!m) throw this.i;
    this.i += m[0].length;
  }
}
