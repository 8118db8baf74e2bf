// The reader's one store: a pure reducer over one state value, and listeners told of each change.

/** Told after each action: the new state, the one before, and the action that made it. */
export type Listener<S, A> = (state: S, previous: S, action: A) => void;

/** The store the views read from and the commands dispatch to. */
export interface Store<S, A> {
  getState(): S;
  dispatch(action: A): void;
  /** Calls `listener` after every action from now on; the returned function stops that. */
  subscribe(listener: Listener<S, A>): () => void;
}

/**
 * A store over `reducer`. An action dispatched by a listener waits until every listener has seen
 * the current one, so each listener sees the actions in order, each with the state it made.
 */
export function createStore<S, A>(reducer: (state: S, action: A) => S, initial: S): Store<S, A> {
  let state = initial;
  const listeners = new Set<Listener<S, A>>();
  const queue: A[] = [];
  let dispatching = false;
  return {
    getState: () => state,
    dispatch(action) {
      queue.push(action);
      if (dispatching) return;
      dispatching = true;
      try {
        for (let next = queue.shift(); next !== undefined; next = queue.shift()) {
          const previous = state;
          state = reducer(state, next);
          if (state === previous) continue;
          for (const listener of [...listeners]) listener(state, previous, next);
        }
      } finally {
        dispatching = false;
        queue.length = 0;
      }
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}
