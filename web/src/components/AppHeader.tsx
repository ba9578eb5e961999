import { Button, Dropdown, Input, type InputRef } from 'antd';
import { BellOutlined, CloseOutlined, KeyOutlined, LogoutOutlined, SearchOutlined, TeamOutlined, UserOutlined } from '@ant-design/icons';
import { Badge } from 'antd';
import { timeApi } from '../caseApi';
import { PasswordModal } from './PasswordModal';
import { useEffect, useRef, useState } from 'react';
import { Link, NavLink, useLocation, useNavigate, useSearchParams } from 'react-router-dom';
import { useAuth } from '../auth';
import { ROLE_NAMES } from '../caseApi';
import { useRegistry } from '../platform/registry';

/**
 * Product name, the case links for a signed-in user, the global search box and the user menu, on every page.
 * On a phone (below 768 px, styles.css) the header is not sticky and keeps to two short rows: the brand with
 * the search icon, the bell and the user menu, then the links; the search box opens under them from its icon.
 */
export function AppHeader() {
  const navigate = useNavigate();
  const location = useLocation();
  const [params] = useSearchParams();
  const { actor, signOut } = useAuth();
  const registry = useRegistry(); // re-render when the modules' role labels arrive
  const current = location.pathname === '/search' ? (params.get('q') ?? '') : '';
  const [value, setValue] = useState(current);
  // The search box follows the URL (adjusted while rendering, as React recommends, not in an effect).
  const [shownFor, setShownFor] = useState(current);
  if (shownFor !== current) {
    setShownFor(current);
    setValue(current);
  }
  const [changingPassword, setChangingPassword] = useState(false);
  // The phone's search box, behind its icon (on a wider screen it is always shown and this has no effect).
  const [searchOpen, setSearchOpen] = useState(false);
  const searchRef = useRef<InputRef>(null);
  useEffect(() => {
    if (searchOpen) searchRef.current?.focus();
  }, [searchOpen]);
  const [openedAt, setOpenedAt] = useState(location.pathname);
  if (openedAt !== location.pathname) {
    setOpenedAt(location.pathname);
    setSearchOpen(false);
  }
  // Unread notifications: on sign-in, on every page change and when a page marks some read.
  const [unread, setUnread] = useState(0);
  useEffect(() => {
    if (!actor) return;
    const ctrl = new AbortController();
    const load = () =>
      timeApi.notifications({ unread: '1' }, ctrl.signal).then(
        (r) => setUnread(r.unread),
        () => {},
      );
    void load();
    window.addEventListener('zhengwu:notifications', load);
    return () => (ctrl.abort(), window.removeEventListener('zhengwu:notifications', load));
  }, [actor, location.pathname]);

  const links = [
    { to: '/services', label: '办事', show: true },
    { to: '/plans', label: '规划监测', show: true },
    { to: '/cases', label: actor?.role === 'applicant' ? '我的申请' : '案件', show: !!actor },
    { to: '/inbox', label: '待办', show: !!actor },
    { to: '/supervision', label: '督办', show: !!actor && ['township', 'county', 'science_bureau', 'admin'].includes(actor.role) },
    { to: '/dashboard', label: '看板', show: !!actor && ['village', 'township', 'county', 'admin'].includes(actor.role) },
    // A procedure's own page where a role works from it (乡镇卫生院: the village-doctor register).
    ...(registry?.procedures ?? [])
      .filter((p) => actor && p.landing[actor.role] && p.page === p.landing[actor.role])
      .map((p) => ({ to: p.page!, label: p.navLabel ?? p.name, show: true })),
  ].filter((l) => l.show);

  return (
    <header className={searchOpen ? 'app-header search-open' : 'app-header'}>
      <div className="app-header-inner">
        <Link to="/" className="brand" aria-label="返回首页">
          <span className="brand-name">政务 Zhengwu</span>
          <span className="brand-sub"> · 承德市人民政府公报</span>
        </Link>
        <nav className="header-nav" aria-label="办事导航">
          {links.map((l) => (
            <NavLink key={l.to} to={l.to} end={l.to === '/services'} className="header-link" data-testid={`nav-${l.to.slice(1)}`}>
              {l.label}
            </NavLink>
          ))}
        </nav>
        <Input.Search
          className="header-search"
          placeholder="全文检索，如：宅基地"
          allowClear
          enterButton="检索"
          value={value}
          maxLength={100}
          ref={searchRef}
          onChange={(e) => setValue(e.target.value)}
          onKeyDown={(e) => {
            if (e.key === 'Escape') setSearchOpen(false);
          }}
          onSearch={(q) => {
            const term = q.trim();
            if (!term) return;
            setSearchOpen(false);
            navigate(`/search?q=${encodeURIComponent(term)}`);
          }}
          data-testid="search-input"
          aria-label="全文检索"
        />
        <div className="header-user">
          <Button
            type="text"
            className="header-search-toggle"
            icon={searchOpen ? <CloseOutlined /> : <SearchOutlined />}
            aria-label={searchOpen ? '收起检索框' : '打开检索框'}
            aria-expanded={searchOpen}
            onClick={() => setSearchOpen((o) => !o)}
            data-testid="search-toggle"
          />
          {actor && (
            <Link to="/notifications" className="header-link" aria-label={`通知，${actor ? unread : 0} 条未读`} data-testid="nav-notifications">
              <Badge count={actor ? unread : 0} size="small" offset={[4, -2]}>
                <BellOutlined style={{ color: '#fff', fontSize: 17 }} />
              </Badge>
            </Link>
          )}
          {actor ? (
            <Dropdown
              trigger={['click']}
              menu={{
                items: [
                  { key: 'who', label: `${actor.name}（${ROLE_NAMES[actor.role]}）`, disabled: true },
                  { type: 'divider' },
                  ...(actor.id > 0 ? [{ key: 'password', icon: <KeyOutlined />, label: '修改密码' }] : []),
                  ...(actor.role === 'admin' ? [{ key: 'users', icon: <TeamOutlined />, label: '用户管理' }] : []),
                  ...(actor.role === 'admin' ? [{ key: 'parameters', icon: <TeamOutlined />, label: '规则参数与测算' }] : []),
                  { key: 'logout', icon: <LogoutOutlined />, label: '退出登录', danger: true },
                ],
                onClick: async ({ key }) => {
                  if (key === 'password') return setChangingPassword(true);
                  if (key === 'users') return navigate('/admin/users');
                  if (key === 'parameters') return navigate('/parameters');
                  if (key !== 'logout') return;
                  await signOut();
                  navigate('/login', { state: { message: '已退出登录。' } });
                },
              }}
            >
              <Button type="text" className="user-button" icon={<UserOutlined />} data-testid="user-menu">
                <span className="user-name">{actor.name.replace(/^演示·/, '')}</span>
              </Button>
            </Dropdown>
          ) : (
            <Link to="/login" state={{ from: location.pathname + location.search }} className="header-link" data-testid="nav-login">
              登录
            </Link>
          )}
          <PasswordModal open={changingPassword} onClose={() => setChangingPassword(false)} />
        </div>
      </div>
    </header>
  );
}
