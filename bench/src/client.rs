//! A minimal HTTP/1.1 client over one keep-alive connection, for timing requests one at a time
//! (wrk measures throughput; this measures each request's latency for percentiles).

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::time::Instant;

/// One keep-alive connection to 127.0.0.1:`port`.
pub struct Client {
    reader: BufReader<TcpStream>,
    port: u16,
}

impl Client {
    pub fn connect(port: u16) -> Result<Self, String> {
        let stream = TcpStream::connect(("127.0.0.1", port)).map_err(|e| e.to_string())?;
        stream.set_nodelay(true).map_err(|e| e.to_string())?;
        Ok(Self {
            reader: BufReader::new(stream),
            port,
        })
    }

    /// POSTs `body` to /graphql with a bearer token; returns the response body and the
    /// milliseconds from sending to the last byte.
    pub fn post(&mut self, token: &str, body: &str) -> Result<(String, f64), String> {
        let request = format!(
            "POST /graphql HTTP/1.1\r\nHost: 127.0.0.1:{}\r\nContent-Type: application/json\r\n\
             Authorization: Bearer {token}\r\nContent-Length: {}\r\n\r\n{body}",
            self.port,
            body.len()
        );
        let started = Instant::now();
        self.reader
            .get_mut()
            .write_all(request.as_bytes())
            .map_err(|e| e.to_string())?;
        let mut length = None;
        let mut status = String::new();
        loop {
            let mut line = String::new();
            self.reader
                .read_line(&mut line)
                .map_err(|e| e.to_string())?;
            if status.is_empty() {
                status = line.trim().to_owned();
            }
            let line = line.trim_end();
            if line.is_empty() {
                break;
            }
            if let Some((name, value)) = line.split_once(':')
                && name.eq_ignore_ascii_case("content-length")
            {
                length = value.trim().parse::<usize>().ok();
            }
        }
        let length = length.ok_or_else(|| format!("no content-length in answer ({status})"))?;
        let mut body = vec![0; length];
        self.reader
            .read_exact(&mut body)
            .map_err(|e| e.to_string())?;
        let millis = started.elapsed().as_secs_f64() * 1000.0;
        if !status.contains(" 200") {
            return Err(format!("{status}: {}", String::from_utf8_lossy(&body)));
        }
        Ok((String::from_utf8_lossy(&body).into_owned(), millis))
    }
}

/// The `q`-quantile (0–1) of `samples` (sorted in place).
pub fn quantile(samples: &mut [f64], q: f64) -> f64 {
    samples.sort_by(f64::total_cmp);
    let i = ((samples.len() as f64 - 1.0) * q).round() as usize;
    samples.get(i).copied().unwrap_or(f64::NAN)
}
