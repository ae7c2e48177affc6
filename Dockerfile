# syntax=docker/dockerfile:1
# chat-tutor: one process, one port. Build with dev dependencies, run with production ones only.

FROM node:22-bookworm-slim AS build
WORKDIR /app
# better-sqlite3 compiles its native addon from source.
RUN apt-get update \
 && apt-get install -y --no-install-recommends python3 make g++ \
 && rm -rf /var/lib/apt/lists/*
COPY package.json package-lock.json ./
RUN npm ci --ignore-scripts --no-audit --no-fund \
 && npm rebuild better-sqlite3
COPY tsconfig.json tsconfig.build.json ./
COPY src ./src
RUN npm run build \
 && npm prune --omit=dev --no-audit --no-fund

FROM node:22-bookworm-slim AS run
# The heap cap is npm start's (see docs/performance.md): the live heap is ~20-50 MB, and V8 would
# otherwise keep hundreds of MB of garbage on a large host. To change it, set NODE_OPTIONS at run time
# (it replaces this value, so keep a --max-old-space-size in it).
ENV NODE_ENV=production \
    PORT=3978 \
    DATABASE_PATH=/data/tutor.db \
    NODE_OPTIONS=--max-old-space-size=160
WORKDIR /app
COPY --from=build --chown=node:node /app/node_modules ./node_modules
COPY --from=build --chown=node:node /app/dist ./dist
COPY --chown=node:node package.json ./
COPY --chown=node:node bin ./bin
COPY --chown=node:node content ./content
RUN mkdir -p /data && chown node:node /data
VOLUME ["/data"]
USER node
EXPOSE 3978
HEALTHCHECK --interval=30s --timeout=5s --start-period=20s --retries=3 \
  CMD node -e "fetch('http://127.0.0.1:'+(process.env.PORT||3978)+'/healthz').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"
# Secrets (Slack tokens, Microsoft app password, OpenAI key) come from the environment at run time.
CMD ["node", "dist/main.js"]
