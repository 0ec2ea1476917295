interface Flight {
  generation: number;
  answer: Promise<Buffer | undefined>;
  settle: (answer: Buffer | undefined) => void;
}

/**
 * Answers being computed now, so that identical requests arriving meanwhile wait
 * for the one computation instead of each running it (single flight). This is
 * what keeps reads fast while changes arrive faster than answers can be stored:
 * at month's end every pushed batch retires the cache.
 *
 * A request may follow a computation only if that began in the generation the
 * request arrives in: no change had been seen between the computation's start
 * and the request's arrival, so the answer is as fresh as one computed for the
 * request itself. A change seen later does not matter to requests that arrived
 * before it. Per instance, like the cache; nothing here outlives a request.
 */
export class AnswerFlights {
  private readonly flights = new Map<string, Flight>();
  private readonly leaders = new WeakMap<object, { key: string; flight: Flight }>();
  /** Requests given the answer of another's computation. */
  followed = 0;
  /** Requests waiting on another's computation now. */
  waiting = 0;

  constructor(private readonly generation: () => number) {}

  /** The answer to wait for, if an identical request of this generation is being computed. */
  follow(key: string): Promise<Buffer | undefined> | undefined {
    const flight = this.flights.get(key);
    if (!flight || flight.generation !== this.generation()) return undefined;
    this.waiting += 1;
    return flight.answer.then((answer) => {
      this.waiting -= 1;
      if (answer) this.followed += 1;
      return answer;
    });
  }

  /** `request` computes the answer for `key`; identical requests arriving now will follow it. */
  lead(request: object, key: string): void {
    let settle!: Flight['settle'];
    const answer = new Promise<Buffer | undefined>((resolve) => (settle = resolve));
    const flight = { generation: this.generation(), answer, settle };
    this.flights.set(key, flight);
    this.leaders.set(request, { key, flight });
  }

  /**
   * The leader's answer, to give its followers; undefined when it is not one to
   * share (an error, a mutation, a field that is never cached), and they compute
   * their own. Called once it is known; later calls do nothing.
   */
  settle(request: object, answer: Buffer | undefined): void {
    const led = this.leaders.get(request);
    if (!led) return;
    this.leaders.delete(request);
    if (this.flights.get(led.key) === led.flight) this.flights.delete(led.key);
    led.flight.settle(answer);
  }
}
