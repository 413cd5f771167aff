<?php
// sessionscan lab: PHP native sessions (session_start(), cookie PHPSESSID),
// served by PHP's built-in server with this file as the router script.
// The session.* ini settings come from lab/php/serve.sh (-d flags); this
// script only decides whether login rotates the id (LAB_ROTATE).
// See lab/README.md, section "php".

declare(strict_types=1);

const USERS = ['alice' => 'alice-pass-123', 'bob' => 'bob-pass-456'];

function env_flag(string $name, bool $default): bool
{
    $v = getenv($name);
    if ($v === false || $v === '') {
        return $default;
    }
    return in_array(strtolower($v), ['1', 'true', 'yes', 'on'], true);
}

$MODE = getenv('LAB_MODE') ?: 'hardened';
$ROTATE = env_flag('LAB_ROTATE', $MODE !== 'vulnerable');

function send_json(int $status, array $body): void
{
    http_response_code($status);
    header('Content-Type: application/json; charset=utf-8');
    echo json_encode($body), "\n";
}

function short_id(string $id): string
{
    if ($id === '') {
        return '-';
    }
    return strlen($id) > 10 ? substr($id, 0, 4) . '…' . substr($id, -4) : $id;
}

function logline(string $what): void
{
    error_log(sprintf('%s %s sid=%s %s', $_SERVER['REQUEST_METHOD'] ?? '?',
        parse_url($_SERVER['REQUEST_URI'] ?? '/', PHP_URL_PATH), short_id(session_id() ?: ''), $what));
}

// Request body: JSON when the content type says so, else form-urlencoded.
function read_credentials(): ?array
{
    $ct = strtolower($_SERVER['CONTENT_TYPE'] ?? '');
    if (str_starts_with($ct, 'application/json')) {
        $data = json_decode(file_get_contents('php://input') ?: '', true);
        if (!is_array($data)) {
            return null;
        }
    } else {
        $data = $_POST;
    }
    $u = $data['username'] ?? null;
    $p = $data['password'] ?? null;
    return [is_string($u) ? $u : '', is_string($p) ? $p : ''];
}

function expire_cookie(): void
{
    $p = session_get_cookie_params();
    $opts = ['expires' => 1, 'path' => $p['path'], 'domain' => $p['domain'],
             'secure' => $p['secure'], 'httponly' => $p['httponly']];
    if ($p['samesite'] !== '') {
        $opts['samesite'] = $p['samesite'];
    }
    setcookie(session_name(), '', $opts);
}

set_exception_handler(function (Throwable $e): void {
    error_log('error: ' . $e->getMessage());
    if (!headers_sent()) {
        send_json(500, ['error' => 'internal error']);
    }
});

$method = $_SERVER['REQUEST_METHOD'] ?? 'GET';
$path = parse_url($_SERVER['REQUEST_URI'] ?? '/', PHP_URL_PATH) ?: '/';
$route = "$method $path";

switch ($route) {
    case 'GET /':
        session_start();
        logline('');
        send_json(200, ['app' => 'php', 'mode' => $MODE]);
        break;

    case 'GET /login':
        session_start();
        logline('');
        header('Content-Type: text/html; charset=utf-8');
        // With session.use_trans_sid=1 and no session cookie in the request,
        // PHP rewrites this form and link to carry PHPSESSID.
        echo "<!doctype html>\n<html><head><title>Login</title></head><body>\n",
             "<h1>Login</h1>\n",
             "<form method=\"post\" action=\"/login\">\n",
             "<label>User <input name=\"username\"></label>\n",
             "<label>Password <input name=\"password\" type=\"password\"></label>\n",
             "<button type=\"submit\">Log in</button>\n",
             "</form>\n<p><a href=\"/profile\">profile</a></p>\n</body></html>\n";
        break;

    case 'POST /login':
        session_start();
        $cred = read_credentials();
        if ($cred === null) {
            logline('bad request');
            send_json(400, ['error' => 'bad request']);
            break;
        }
        [$user, $pass] = $cred;
        if (!isset(USERS[$user]) || !hash_equals(USERS[$user], $pass)) {
            logline('login failed');
            send_json(401, ['error' => 'invalid credentials']);
            break;
        }
        if ($ROTATE) {
            // The fix: new id, old session file deleted (also on re-login).
            session_regenerate_id(true);
        }
        $_SESSION['user'] = $user;
        $_SESSION['login_at'] = time();
        logline("login $user" . ($ROTATE ? ' (rotated)' : ' (id kept)'));
        send_json(200, ['ok' => true, 'user' => $user]);
        break;

    case 'GET /profile':
        session_start();
        $user = $_SESSION['user'] ?? null;
        logline($user === null ? 'unauthorized' : "user $user");
        if ($user === null) {
            send_json(401, ['error' => 'unauthorized']);
        } else {
            send_json(200, ['userId' => $user]);
        }
        break;

    case 'POST /logout':
        session_start();
        logline('logout');
        $_SESSION = [];
        session_destroy();
        expire_cookie();
        send_json(200, ['ok' => true]);
        break;

    default:
        logline('not found');
        send_json(404, ['error' => 'not found']);
}
