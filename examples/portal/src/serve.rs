//! The connection loop: what a service on the internet needs before a request reaches a route.
//!
//! - a cap on connections in all and per client address (over it, a 429 in the JSON envelope,
//!   then the connection is closed);
//! - a timeout on reading a request's head (slowloris), through hyper's `header_read_timeout`;
//! - an idle timeout: a connection on which no byte moved for `idle_timeout` while no request
//!   is being answered is closed — a keep-alive connection nobody uses, and a client that asked
//!   for a download and stopped reading it (its socket buffer full, nothing moves);
//! - a graceful shutdown: stop accepting, let the requests in flight finish (bounded).
//!
//! The body timeout, the body limit, the URI and header limits are layers of the router.

use std::{
    collections::BTreeMap,
    future::Future,
    net::IpAddr,
    pin::Pin,
    sync::{
        Arc, Mutex,
        atomic::{AtomicU64, AtomicUsize, Ordering},
    },
    task::{Context, Poll},
    time::{Duration, Instant},
};

use axum::{Router, body::Body, response::IntoResponse};
use hyper::server::conn::http1;
use hyper_util::rt::{TokioIo, TokioTimer};
use tokio::{
    io::{AsyncRead, AsyncWrite, AsyncWriteExt, ReadBuf},
    net::{TcpListener, TcpStream},
    sync::watch,
};
use tower::ServiceExt as _;

use crate::{Limits, lang::Text, metrics::Metrics};

/// The largest request head hyper buffers; the router refuses smaller ones over its own limits
/// with a JSON 414 or 431 first.
const MAX_HEAD_BUFFER: usize = 64 * 1024;

/// A socket that remembers when a byte last moved.
struct Watched {
    inner: TcpStream,
    epoch: Instant,
    last: Arc<AtomicU64>,
}

impl Watched {
    fn touch(&self) {
        let now = u64::try_from(self.epoch.elapsed().as_millis()).unwrap_or(u64::MAX);
        self.last.store(now, Ordering::Relaxed);
    }
}

impl AsyncRead for Watched {
    fn poll_read(
        self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        buf: &mut ReadBuf<'_>,
    ) -> Poll<std::io::Result<()>> {
        let this = self.get_mut();
        let before = buf.filled().len();
        let polled = Pin::new(&mut this.inner).poll_read(cx, buf);
        if buf.filled().len() > before {
            this.touch();
        }
        polled
    }
}

impl AsyncWrite for Watched {
    fn poll_write(
        self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        data: &[u8],
    ) -> Poll<std::io::Result<usize>> {
        let this = self.get_mut();
        let polled = Pin::new(&mut this.inner).poll_write(cx, data);
        if matches!(polled, Poll::Ready(Ok(n)) if n > 0) {
            this.touch();
        }
        polled
    }

    fn poll_flush(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<std::io::Result<()>> {
        Pin::new(&mut self.get_mut().inner).poll_flush(cx)
    }

    fn poll_shutdown(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<std::io::Result<()>> {
        Pin::new(&mut self.get_mut().inner).poll_shutdown(cx)
    }
}

/// Connections by client address.
#[derive(Debug, Default)]
struct Clients {
    by_address: BTreeMap<IpAddr, usize>,
    total: usize,
}

/// The address a client is counted under (an IPv4 address mapped into IPv6 is the IPv4 one).
fn client_of(ip: IpAddr) -> IpAddr {
    match ip {
        IpAddr::V6(v6) => v6.to_ipv4_mapped().map_or(ip, IpAddr::V4),
        v4 => v4,
    }
}

/// Serves `router` on `listener` until `shutdown` completes, then lets the requests in flight
/// finish (at most `limits.shutdown_grace`).
pub(crate) async fn serve(
    listener: TcpListener,
    router: Router,
    limits: Limits,
    metrics: Arc<Metrics>,
    shutdown: impl Future<Output = ()> + Send + 'static,
) -> std::io::Result<()> {
    let clients = Arc::new(Mutex::new(Clients::default()));
    let (stop, stopping) = watch::channel(false);
    let open = Arc::new(AtomicUsize::new(0));
    let mut shutdown = std::pin::pin!(shutdown);
    loop {
        let (stream, peer) = tokio::select! {
            accepted = listener.accept() => match accepted {
                Ok(a) => a,
                Err(e) => {
                    // Out of descriptors and the like: wait a little rather than spin.
                    tracing::warn!(error = %e, "accept failed");
                    tokio::time::sleep(Duration::from_millis(20)).await;
                    continue;
                }
            },
            () = &mut shutdown => break,
        };
        let client = client_of(peer.ip());
        let admitted = {
            let mut c = clients.lock().unwrap_or_else(|p| p.into_inner());
            let mine = c.by_address.get(&client).copied().unwrap_or(0);
            if mine >= limits.connections_per_client || c.total >= limits.max_connections {
                false
            } else {
                *c.by_address.entry(client).or_insert(0) += 1;
                c.total += 1;
                true
            }
        };
        if !admitted {
            metrics.refused();
            tokio::spawn(refuse(stream));
            continue;
        }
        let _ = stream.set_nodelay(true);
        metrics.connection(true);
        open.fetch_add(1, Ordering::SeqCst);
        let (router, clients, metrics, open, stopping) = (
            router.clone(),
            Arc::clone(&clients),
            Arc::clone(&metrics),
            Arc::clone(&open),
            stopping.clone(),
        );
        tokio::spawn(async move {
            connection(stream, router, limits, stopping).await;
            let mut c = clients.lock().unwrap_or_else(|p| p.into_inner());
            if let Some(n) = c.by_address.get_mut(&client) {
                *n = n.saturating_sub(1);
                if *n == 0 {
                    c.by_address.remove(&client);
                }
            }
            c.total = c.total.saturating_sub(1);
            drop(c);
            metrics.connection(false);
            open.fetch_sub(1, Ordering::SeqCst);
        });
    }
    drop(listener);
    let _ = stop.send(true);
    let deadline = Instant::now() + limits.shutdown_grace;
    while open.load(Ordering::SeqCst) > 0 && Instant::now() < deadline {
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
    Ok(())
}

/// Answers a connection over a cap: 429 in the envelope (in Kazakh: the request is not read),
/// then closes it.
async fn refuse(mut stream: TcpStream) {
    let lang = crate::lang::DEFAULT;
    let message = crate::lang::render(Text::TooManyConnections, lang, &[]);
    let body = serde_json::json!({"error": {
        "status": 429, "kind": "too_many_connections", "lang": lang.code(), "message": message,
    }})
    .to_string();
    let response = format!(
        "HTTP/1.1 429 Too Many Requests\r\ncontent-type: application/json\r\ncontent-language: {}\r\n\
         retry-after: 1\r\ncontent-length: {}\r\nconnection: close\r\n\r\n{body}",
        lang.code(),
        body.len()
    );
    let _ = tokio::time::timeout(Duration::from_secs(1), async {
        let _ = stream.write_all(response.as_bytes()).await;
        let _ = stream.shutdown().await;
    })
    .await;
}

/// One connection: HTTP/1.1 with the head timeout, watched for idleness, shut down gracefully
/// when the server stops.
async fn connection(
    stream: TcpStream,
    router: Router,
    limits: Limits,
    mut stopping: watch::Receiver<bool>,
) {
    let epoch = Instant::now();
    let last = Arc::new(AtomicU64::new(0));
    let busy = Arc::new(AtomicUsize::new(0));
    let io = Watched {
        inner: stream,
        epoch,
        last: Arc::clone(&last),
    };
    let in_flight = Arc::clone(&busy);
    let service =
        hyper::service::service_fn(move |request: hyper::Request<hyper::body::Incoming>| {
            let router = router.clone();
            let in_flight = Arc::clone(&in_flight);
            async move {
                in_flight.fetch_add(1, Ordering::SeqCst);
                let response = match router.oneshot(request.map(Body::new)).await {
                    Ok(r) => r,
                    Err(never) => match never {},
                };
                in_flight.fetch_sub(1, Ordering::SeqCst);
                Ok::<_, std::convert::Infallible>(response.into_response())
            }
        });
    let mut builder = http1::Builder::new();
    builder
        .timer(TokioTimer::new())
        .header_read_timeout(Some(limits.header_timeout))
        .max_buf_size(MAX_HEAD_BUFFER)
        .keep_alive(true);
    let conn = builder.serve_connection(TokioIo::new(io), service);
    let mut conn = std::pin::pin!(conn);
    let idle = limits.idle_timeout;
    loop {
        let since = Duration::from_millis(last.load(Ordering::Relaxed));
        let quiet = epoch.elapsed().saturating_sub(since);
        let wait = idle.saturating_sub(quiet).max(Duration::from_millis(50));
        tokio::select! {
            outcome = conn.as_mut() => {
                if let Err(e) = outcome {
                    tracing::debug!(error = %e, "connection ended");
                }
                return;
            }
            () = tokio::time::sleep(wait) => {
                let since = Duration::from_millis(last.load(Ordering::Relaxed));
                let quiet = epoch.elapsed().saturating_sub(since);
                if quiet >= idle && busy.load(Ordering::SeqCst) == 0 {
                    tracing::debug!("idle connection closed");
                    return;
                }
            }
            changed = stopping.changed() => {
                if changed.is_err() || *stopping.borrow() {
                    conn.as_mut().graceful_shutdown();
                    let _ = tokio::time::timeout(limits.shutdown_grace, conn.as_mut()).await;
                    return;
                }
            }
        }
    }
}
