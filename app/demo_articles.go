package app

import (
	"math/rand/v2"
	"strings"
	"time"

	"github.com/tierdesk/tierdesk/helpdesk"
)

// The article bodies are Markdown in raw strings, which cannot hold a
// backtick; they write ‵ (reversed prime) instead and md swaps it back.
var mdTicks = strings.NewReplacer("‵", "`")

func md(s string) string { return strings.TrimSpace(mdTicks.Replace(s)) + "\n" }

// kbArticle is an article before it gets an id and a date.
type kbArticle struct {
	category, title, summary, body string
}

// demoArticles returns the demo knowledge base: hand-written articles for
// the problems the demo tickets are about, plus families generated from
// templates (one per app, office, printer...) as real KBs tend to have.
func demoArticles(rng *rand.Rand, now time.Time) []helpdesk.Article {
	all := append([]kbArticle(nil), kbHandWritten...)
	all = append(all, kbGenerated()...)
	out := make([]helpdesk.Article, len(all))
	for i, a := range all {
		age := time.Duration(rng.Int64N(int64(200 * 24 * time.Hour)))
		out[i] = helpdesk.Article{
			ID:       uint64(i + 1),
			RemoteID: uint64(i + 1),
			Title:    a.title,
			Summary:  a.summary,
			Body:     md(a.body),
			Category: a.category,
			Updated:  now.Add(-age).Truncate(time.Minute),
		}
	}
	return out
}

var kbHandWritten = []kbArticle{
	{"Network", "VPN disconnects every hour", "Why GlobalProtect drops on a schedule and how to stop it.", `
# VPN disconnects every hour

If GlobalProtect drops at regular intervals (every 60 minutes, or every
45–90 minutes) the cause is almost never your home internet. A regular
pattern means a **session or key lifetime** is running out.

## Check the pattern first

1. Note the exact time of two or three drops.
2. Open GlobalProtect → **Settings** → **Troubleshooting** and note the
   **Gateway** you are connected to (for example ‵vpn-eu-west‵).
3. If the drops are 60 minutes apart, give both to the service desk — that is
   all we need to find the cause.

## What you can try yourself

1. Update the client: Software Center → **GlobalProtect** → Install. The
   current version is shown under Settings → About.
2. Disconnect, choose a different gateway from the drop-down, reconnect.
3. Use a cable instead of Wi-Fi for a day. If drops continue at the same
   times, the problem is not your network.

## What the service desk does

- Reads the gateway log for your sessions. ‵auth-cookie-expired‵ means your
  account is in a group with a short session limit; ‵rekey failed‵ points at a
  gateway configuration.
- Escalates to the network team with the log lines and the times you noted.

> Random drops (not on a schedule) are usually Wi-Fi: see *Diagnose slow or
> no internet*.
`},
	{"Network", "Diagnose slow or no internet", "A five-minute checklist before you call us.", `
# Diagnose slow or no internet

Work through these steps in order; stop when one fixes it.

## 1. Is it just you?

Ask a colleague nearby. If everyone is affected, report it once and mention
the **office, floor and time** — we will treat it as an outage.

## 2. Restart the connection

1. Turn Wi-Fi off and on (or unplug the cable for 10 seconds).
2. On Windows run ‵ipconfig /renew‵ in a terminal; on macOS use
   System Settings → Network → Details → **Renew DHCP Lease**.

## 3. Check name resolution

If websites fail but Teams still works, DNS may be the culprit:

‵‵‵
nslookup intranet.corp.example
ping 10.10.0.10
‵‵‵

If ‵nslookup‵ times out but ‵ping‵ answers, tell us — that is a DNS problem
at your site, not your laptop.

## 4. Measure

Open ‵https://speed.corp.example‵ and send us a screenshot of the result
together with the name of the Wi-Fi network (‵CORP-SECURE‵ or a guest
network).
`},
	{"Accounts", "Reset your password and unlock your account", "Self-service reset, and what to do when you are locked out.", `
# Reset your password and unlock your account

## Forgot your password

1. Go to ‵https://passwordreset.corp.example‵.
2. Enter your username (for example ‵maria.garcia‵) and complete the MFA
   prompt.
3. Choose a new password: at least **14 characters**; a short sentence is
   easiest to remember.
4. Lock and unlock your laptop (**Win+L**) so it picks up the new password.

## Locked out again and again?

Repeated lockouts after a password change are almost always an old password
stored somewhere:

- the mail app on your phone or tablet (Settings → Mail → Accounts);
- saved credentials in Windows **Credential Manager** for mapped drives;
- a second laptop that is still signed in.

Update or remove the old password everywhere, then ask us to unlock you once.

## Password expired while away

Call the service desk on **ext. 4400**. We verify your identity by calling
back your desk phone or asking your manager, then set a temporary password.
`},
	{"Accounts", "Set up or replace your MFA token", "Authenticator app, new phones and lost hardware keys.", `
# Set up or replace your MFA token

## New phone? Move your accounts first

Before you wipe or trade in the old phone:

1. On the old phone open Microsoft Authenticator → **Settings** → turn on
   **Cloud backup** (iOS) or **Account backup** (Android).
2. On the new phone install Authenticator and choose **Begin recovery**.
3. Sign in to ‵https://mysignins.corp.example‵ and approve one prompt to
   re-activate push notifications.

## Lost phone or security key

Act right away — it only takes a call:

1. Call the service desk on **ext. 4400** (or visit the IT bar with your
   badge). We have to verify who you are before changing anything.
2. We remove the lost method and give you a **Temporary Access Pass** valid
   for 8 hours.
3. Use the pass to register the new phone or a replacement key at
   ‵https://mysignins.corp.example‵.

## Add a second method

Register both the app **and** a security key or phone number. With two
methods, losing one never locks you out.
`},
	{"Email", "Outlook stuck on \"Working offline\" or \"Disconnected\"", "Get Outlook back online without losing mail.", `
# Outlook stuck on "Working offline" or "Disconnected"

Your mail is safe on the server; these steps only change how Outlook
connects.

## Quick fixes

1. On the **Send / Receive** tab, check **Work Offline**. If it is
   highlighted, click it once to turn it off.
2. Check webmail at ‵https://outlook.office.com‵. If webmail fails too, it is
   an outage — report it.
3. Quit Outlook completely (also from the system tray) and start it again.

## After a VPN reconnect

Outlook sometimes holds on to the old connection. Hold **Ctrl**, right-click
the Outlook icon in the tray and choose **Connection Status**. If all lines
say *Disconnected*, restart Outlook; if they keep failing, send us a
screenshot of that window.

## Mailbox cache too large

If the bottom bar says *Mailbox full* or sync stops at the same point every
day, your offline cache (‵.ost‵) may be near its 50 GB limit. Ask us to
enable the **online archive**; don't delete the ‵.ost‵ file yourself while
items are waiting in the Outbox.
`},
	{"Email", "Mailbox full: archive and clean up", "Free space quickly and set up automatic archiving.", `
# Mailbox full: archive and clean up

## Free space now

1. Sort the **Sent Items** folder by size and delete large attachments you
   no longer need.
2. Empty **Deleted Items**, then right-click it → **Recover Deleted Items**
   and purge what is there.
3. In webmail, open Settings → **Storage** to see which folders are biggest.

## Turn on the online archive

Ask the service desk to enable your **online archive**. Mail older than two
years moves there automatically and stays searchable in Outlook under
*Online Archive – your name*.

## Shared mailboxes

Shared mailboxes have their own quota. Ask the mailbox owner to clean up;
your personal mailbox is not affected.
`},
	{"Hardware", "Laptop won't boot after a BIOS or firmware update", "Black screen, boot loop or BitLocker prompt after an update.", `
# Laptop won't boot after a BIOS or firmware update

**Do not** keep forcing restarts during an update — a BIOS update that is
cut off can damage the laptop.

## Black screen, lights on

1. Unplug the dock and all USB devices.
2. Hold the power button for **30 seconds**, plug in only the charger, and
   start the laptop.
3. Connect an external monitor. If Windows appears there, the internal display
   is the problem: call us with the **asset tag** (sticker on the bottom,
   ‵TD-‵ and five digits).

## BitLocker asks for the recovery key

A firmware update changes what the TPM measures. If BitLocker was not
suspended first, it asks for the 48-digit recovery key once.

1. Call the service desk; we give you the key after checking your identity.
2. After Windows starts, open a terminal as administrator and run
   ‵manage-bde -protectors -enable C:‵ if we ask you to.
3. If the prompt appears on **every** boot, tell us — the TPM needs to be
   re-sealed.

## What we do

We can roll the BIOS back to the previous version from a USB stick and block
the faulty version for your model so it is not pushed again.
`},
	{"Hardware", "Docking station: external monitors not detected", "No signal, flicker or only one screen on the dock.", `
# Docking station: external monitors not detected

1. Unplug the dock's USB-C / Thunderbolt cable from the laptop, wait 10
   seconds and plug it back in.
2. Press **Win+P** and choose **Extend**.
3. Make sure the dock has its **own power supply** connected; the laptop
   charger alone is not enough for two monitors.
4. Update the dock firmware: Software Center → *Dock firmware updater*.
5. Swap cables: DisplayPort cables fail more often than you would think.

If one monitor works and the other flickers or shows *No signal* after all
this, note the dock model and asset tag and open a ticket — we swap docks
the same day at the IT bar.
`},
	{"Software", "Clear the Teams cache", "Fix a white screen, missing chats or stuck sign-in in Teams.", `
# Clear the Teams cache

Clearing the cache removes only temporary files; chats and files stay on the
server.

## Windows (new Teams)

1. Quit Teams: right-click the tray icon → **Quit**.
2. Press **Win+R**, paste the path below and press Enter:

‵‵‵
%LocalAppData%\Packages\MSTeams_8wekyb3d8bbwe\LocalCache\Microsoft\MSTeams
‵‵‵

3. Delete everything in that folder.
4. Start Teams and sign in.

## macOS

1. Quit Teams (**Cmd+Q**).
2. In Terminal run:

‵‵‵
rm -rf ~/Library/Group\ Containers/UBF8T346G9.com.microsoft.teams
rm -rf ~/Library/Containers/com.microsoft.teams2
‵‵‵

3. Start Teams again.

If Teams still shows a white window, reinstall it from Software Center.
`},
	{"Software", "SSO login loop on web portals", "When a portal keeps sending you back to the sign-in page.", `
# SSO login loop on web portals

A loop between a portal (HR portal, expense portal, Workday...) and the
sign-in page is usually a stale cookie.

1. Try an **InPrivate / Incognito** window. If that works, the fix is step 2.
2. Clear cookies for ‵login.corp.example‵ and for the portal's own address
   only: in Edge or Chrome open ‵edge://settings/cookies‵ or
   ‵chrome://settings/cookies‵ → *See all site data* → search → delete.
3. Check your computer clock: sign-in tokens are rejected if the time is off
   by more than five minutes.

## Still looping?

Open a ticket with the portal name, the time you tried and a screenshot of
the address bar. A loop that happens in Incognito too usually means the
portal has your **old email address** after a name change; the identity
team fixes that on their side.
`},
	{"Security", "Report a phishing email", "How to spot phishing and report it in two clicks.", `
# Report a phishing email

## Warning signs

- Urgency: *your mailbox will be deactivated today*.
- A sender address that doesn't match the company it claims to be.
- Links whose real address (hover to see it) is not a ‵corp.example‵ or
  well-known domain.
- Requests for your password. **IT never asks for your password.**

## Report it

1. In Outlook select the email and click **Report → Phishing**.
2. Don't forward it to colleagues to ask what they think.
3. Delete it.

## You already clicked or typed your password

That happens — what matters is reporting it **immediately**:

1. Call the service desk on **ext. 4400**.
2. Change your password at ‵https://passwordreset.corp.example‵.
3. Tell us what you entered and where. We revoke your sessions and check
   your mailbox for rules or forwards an attacker may have added.
`},
	{"Security", "Lost or stolen device: what to do right now", "Laptop, phone or security key gone? Steps for the first hour.", `
# Lost or stolen device: what to do right now

1. **Call the service desk on ext. 4400** (or +44 20 7946 0000 from outside),
   day or night. Give the device type and, for laptops, the asset tag if you
   know it.
2. We lock the device, revoke its sign-in sessions and — if it doesn't turn up
   — wipe it remotely the next time it connects.
3. Report theft to the police and send us the crime reference number; the
   insurance needs it.

Company laptops are encrypted with BitLocker or FileVault, so your data is
safe even if the device is not recovered. You will get a replacement laptop
with your files restored from OneDrive.
`},
	{"Software", "Build server disk full: free space safely", "For developers and L2: find what fills a Linux build host and clean it.", `
# Build server disk full: free space safely

Builds failing with ‵No space left on device‵ usually mean ‵/var‵ filled up
with Docker layers or old workspaces.

## Find what is using the space

‵‵‵
df -h /var
sudo du -xh /var --max-depth=3 | sort -h | tail -20
docker system df
‵‵‵

## Clean up

1. Docker images and build cache older than a week:

‵‵‵
docker system prune -af --filter until=168h
docker builder prune -af --keep-storage 50GB
‵‵‵

2. Old Jenkins workspaces (check nothing is building first):

‵‵‵
find /var/lib/jenkins/workspace -mindepth 1 -maxdepth 1 -mtime +14 -exec rm -rf {} +
‵‵‵

3. Journal logs: ‵sudo journalctl --vacuum-size=1G‵.

## Keep it from happening again

- Add a nightly systemd timer running ‵docker builder prune --keep-storage 50GB‵.
- Alert at 80 % full, not 95 %.
- If the disk fills within days even after cleanup, ask the platform team to
  grow the volume (‵lvextend -r‵) instead of cleaning by hand every week.
`},
}

// kbGenerated expands the template families: one article per office, per
// printer, per application... Their bodies share a procedure with details
// that differ per item.
func kbGenerated() []kbArticle {
	var out []kbArticle
	offices := []struct{ site, ssid, vlan, desk string }{
		{"Berlin", "CORP-SECURE", "guest network *CORP-GUEST*, password at reception", "IT bar on the 2nd floor"},
		{"Leeds", "CORP-SECURE", "guest network *CORP-GUEST*, voucher from reception", "IT bar next to the canteen"},
		{"Lyon", "CORP-SECURE", "guest network *CORP-INVITES*, voucher from reception", "room 1.14"},
		{"Austin", "CORP-SECURE", "guest network *CORP-GUEST*, sign-in page", "IT bar, building B"},
	}
	for _, o := range offices {
		r := strings.NewReplacer("{site}", o.site, "{ssid}", o.ssid, "{guest}", o.vlan, "{desk}", o.desk)
		out = append(out, kbArticle{"Network", r.Replace("Connect to Wi-Fi in the {site} office"), r.Replace("Which network to use in {site} and how to join it."), r.Replace(`
# Connect to Wi-Fi in the {site} office

Company laptops join **{ssid}** automatically with their device certificate —
no password needed.

1. Click the network icon and choose **{ssid}**.
2. Tick **Connect automatically** and click **Connect**.
3. If Windows asks for a username and password, don't type them: the laptop is
   missing its certificate. Plug into a network port for 10 minutes (this
   fetches it) or visit the {desk}.

Phones and visitors: use the {guest}.

## Trouble

- *Can't connect to this network*: restart, then run ‵gpupdate /force‵ while on
  a cable.
- Drops in meeting rooms: tell us the room name; it helps us find the access
  point.
`)})
	}
	printers := []struct{ name, floor, model string }{
		{"PRN-2F-EAST", "2nd floor, east wing", "HP LaserJet M611"},
		{"PRN-3F-WEST", "3rd floor, west wing", "Canon iR-ADV C5840"},
		{"PRN-4F-EAST", "4th floor, east wing", "HP Color LaserJet E785"},
		{"PRN-5F-WEST", "5th floor, west wing", "Ricoh IM C3000"},
	}
	for _, p := range printers {
		r := strings.NewReplacer("{name}", p.name, "{floor}", p.floor, "{model}", p.model)
		out = append(out, kbArticle{"Hardware", r.Replace("Add the {name} printer"), r.Replace("Install the {model} on the {floor}."), r.Replace(`
# Add the {name} printer

**{name}** is the {model} on the {floor}.

## Windows

1. Open **Settings → Bluetooth & devices → Printers & scanners**.
2. Click **Add device**, wait, then **Add manually**.
3. Choose *Select a shared printer by name* and type
   ‵\\print01.corp.example\{name}‵.
4. Print a test page.

## macOS

1. Open **System Settings → Printers & Scanners → Add Printer**.
2. On the **IP** tab enter ‵print01.corp.example‵, protocol *LPD*, queue
   ‵{name}‵.

## Secure print

Jobs wait on the server until you tap your badge on the printer, so nobody
picks up your pages. Jobs not collected within 24 hours are deleted.
`)})
	}
	apps := []struct{ name, note string }{
		{"Zoom", "Sign in with **SSO** and the company domain ‵corp‵."},
		{"Slack", "Sign in to the workspace ‵corp-example.slack.com‵ with SSO."},
		{"Visual Studio Code", "Extensions install from the public marketplace; the proxy allows it."},
		{"Adobe Acrobat Pro", "Needs a licence: request it with your manager's approval first."},
		{"Python 3.12", "Installs per user to ‵%LocalAppData%\\Programs\\Python‵; ‵pip‵ uses the internal mirror automatically."},
		{"Docker Desktop", "Requires the *Developers* device group and a licence; WSL 2 is installed with it."},
	}
	for _, a := range apps {
		r := strings.NewReplacer("{app}", a.name, "{note}", a.note)
		out = append(out, kbArticle{"Software", r.Replace("Install {app} from Software Center"), r.Replace("Self-service install of {app} on a company laptop."), r.Replace(`
# Install {app} from Software Center

You don't need admin rights: Software Center installs approved applications
for you.

1. Press the **Start** key and type *Software Center*.
2. Search for **{app}**.
3. Click **Install**. The status changes to *Installed* after a few minutes.

{note}

## Not in the list?

Software Center only shows what your device is allowed to install. Open a
ticket with the application name and why you need it; licensed software
needs your manager's approval.

## Install failed

Note the error code shown in Software Center (for example ‵0x87D00607‵),
restart and try once more before opening a ticket.
`)})
	}
	access := []struct{ what, how string }{
		{"the Finance share", "Owner: Finance Operations. Read access is approved by your manager; write access by the data owner."},
		{"the Engineering share", "Owner: Engineering leads. Request through the access portal, approval by your team lead."},
		{"Jira projects", "Project admins grant roles inside Jira; the service desk only creates accounts."},
		{"AWS read-only", "Requires security training completed in the last 12 months."},
	}
	for _, a := range access {
		r := strings.NewReplacer("{what}", a.what, "{how}", a.how)
		out = append(out, kbArticle{"Accounts", r.Replace("Request access to {what}"), r.Replace("Who approves access to {what} and how long it takes."), r.Replace(`
# Request access to {what}

1. Open the access portal at ‵https://access.corp.example‵.
2. Search for **{what}** and click **Request**.
3. Give a short business reason; the approver sees it.

{how}

Most requests are approved within one working day. After approval, sign out
and back in (or restart) so your new group membership takes effect.

## Mapped drive not showing

Shares appear as drive letters at sign-in. If the drive is missing, run
‵gpupdate /force‵ and sign out and in again.
`)})
	}
	mail := []struct{ device, steps string }{
		{"iPhone or iPad", "1. Install **Microsoft Outlook** from the App Store.\n2. Open it and sign in with your work address.\n3. Approve the MFA prompt and accept the device policy."},
		{"Android", "1. Install **Intune Company Portal** and enrol the phone.\n2. Install **Microsoft Outlook** from the work profile's Play Store.\n3. Sign in with your work address."},
		{"macOS Mail and Calendar", "We recommend Outlook for Mac from Self Service.\n\n1. Open **Self Service**, install *Microsoft Outlook*.\n2. Sign in with your work address; Calendar and Contacts sync automatically."},
	}
	for _, m := range mail {
		r := strings.NewReplacer("{device}", m.device, "{steps}", m.steps)
		out = append(out, kbArticle{"Email", r.Replace("Set up company email on {device}"), r.Replace("Mail, calendar and contacts on {device}."), r.Replace(`
# Set up company email on {device}

{steps}

The built-in mail apps that use only a password are blocked: they can't do
MFA and would lock your account after the next password change.

## Removing the account

When you replace the device, remove the account from Outlook first so the
old device stops syncing.
`)})
	}
	out = append(out,
		kbArticle{"Security", "Use the company password manager", "Store work passwords safely and share them with your team.", `
# Use the company password manager

1. Install **Bitwarden** from Software Center (or the browser extension).
2. Sign in with SSO; your vault is unlocked with your company account.
3. Import passwords saved in your browser: Bitwarden → **Tools → Import data**,
   then delete them from the browser.

Share team passwords through a **Collection**, never by email or chat.
`},
		kbArticle{"Security", "USB storage and removable media", "What is allowed on company laptops and why.", `
# USB storage and removable media

- USB sticks are **read-only** on company laptops; writing is blocked to
  protect customer data.
- Need to hand files to a customer? Share a OneDrive link with an expiry
  date instead.

## Request an exception

Some work needs writable media (lab equipment, camera cards):

1. Open a ticket in the *Endpoint* queue with the device's asset tag
   (‵TD-‵ and five digits) and the reason.
2. Your manager approves it in the ticket.
3. We allow write access for that laptop and, if needed, a specific
   encrypted USB model — usually the same day.
`},
		kbArticle{"Security", "Travel abroad with a company laptop", "Before you go: VPN, encryption and restricted countries.", `
# Travel abroad with a company laptop

1. Check the list of restricted countries on the intranet; some need a
   loaner laptop.
2. Make sure your laptop is up to date: run Windows Update and restart before
   you leave.
3. Test the VPN from home once; hotel networks often need you to accept a
   sign-in page **before** connecting the VPN.
4. Never leave the laptop in a car or checked luggage.

If the laptop is lost or taken at a border, call the service desk
immediately — see *Lost or stolen device*.
`},
	)
	return out
}
