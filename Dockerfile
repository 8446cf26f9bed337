# Hearth for production: the API serving the built web app, on any PostgreSQL >= 15.
FROM node:20-bookworm-slim AS build
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY . .
RUN npm run build && npm prune --omit=dev

FROM node:20-bookworm-slim
ENV NODE_ENV=production HOST=0.0.0.0 PORT=3000
WORKDIR /app
COPY --from=build /app/package.json ./
COPY --from=build /app/node_modules ./node_modules
COPY --from=build /app/dist ./dist
USER node
EXPOSE 3000
HEALTHCHECK --interval=10s --timeout=3s CMD node -e "fetch('http://127.0.0.1:3000/api/health').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"
# The heap ceiling as in package.json's start:built: 1 GB. V8 grows the old generation by a
# factor that shrinks with the ceiling; at 256 MB it collected every few seconds under load
# and the pauses doubled GET /me's p99 (bench/, README "Performance"). Resident memory stays
# near 200 MB under the benchmark's load.
CMD ["node", "--max-old-space-size=1024", "dist/server/apps/api/src/main.js"]
