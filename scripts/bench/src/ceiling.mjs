// The HTTP ceiling: fastify answering every DynamoDB-shaped POST with a fixed small JSON, with the same body
// parsing work (JSON.parse of the request) a real server must do at minimum.
import Fastify from 'fastify';

const app = Fastify({ logger: false, bodyLimit: 16 * 1024 * 1024 });
app.addContentTypeParser('application/x-amz-json-1.0', { parseAs: 'string' }, (_req, body, done) => {
  try {
    done(null, JSON.parse(body));
  } catch (e) {
    done(e);
  }
});
const answer = '{"TableNames":[],"Item":{"pk":{"S":"x"}},"Count":0}';
app.post('/', (_req, reply) => {
  reply.header('content-type', 'application/x-amz-json-1.0').send(answer);
});
await app.listen({ port: Number(process.argv[2]), host: '127.0.0.1' });
