import OpenAI from 'openai';

// Created when the module is imported, before any test's beforeAll() runs.
export const openai = new OpenAI();

export async function ask(question: string): Promise<string> {
  const completion = await openai.chat.completions.create({ model: 'gpt-4o-mini', messages: [{ role: 'user', content: question }] });
  return completion.choices[0]?.message.content ?? '';
}
