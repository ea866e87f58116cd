/** Opens GET /api/sync/events on a listening server and reads it as it arrives. */
export async function openEventStream(baseUrl: string, token: string) {
  const controller = new AbortController();
  const response = await fetch(`${baseUrl}/api/sync/events`, {
    headers: { authorization: `Bearer ${token}` },
    signal: controller.signal,
  });
  const reader = response.body!.getReader();
  const decoder = new TextDecoder();
  let text = '';
  let ended = false;
  /** Reads until the text so far satisfies `predicate` or the server ends the stream. */
  const readUntil = async (predicate: (text: string) => boolean) => {
    while (!ended && !predicate(text)) {
      const { value, done } = await reader.read();
      if (done) ended = true;
      else text += decoder.decode(value, { stream: true });
    }
    return text;
  };
  await readUntil((s) => s.includes(': connected'));
  return {
    response,
    readUntil,
    /** Resolves once the server has ended the stream (it never does on its own). */
    ended: async () => {
      await readUntil(() => false);
      return ended;
    },
    close: () => controller.abort(),
  };
}

export const changeEvents = (text: string) =>
  text.split('\n\n').filter((block) => block.startsWith('event: change')).length;
