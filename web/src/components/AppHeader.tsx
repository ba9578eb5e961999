import { Input } from 'antd';
import { useEffect, useState } from 'react';
import { Link, useLocation, useNavigate, useSearchParams } from 'react-router-dom';

/** Product name and the global search box, on every page. */
export function AppHeader() {
  const navigate = useNavigate();
  const location = useLocation();
  const [params] = useSearchParams();
  const current = location.pathname === '/search' ? (params.get('q') ?? '') : '';
  const [value, setValue] = useState(current);
  useEffect(() => setValue(current), [current]);

  return (
    <header className="app-header">
      <div className="app-header-inner">
        <Link to="/" className="brand" aria-label="返回首页">
          <span className="brand-name">政务 Zhengwu</span>
          <span className="brand-sub"> · 承德市人民政府公报</span>
        </Link>
        <Input.Search
          className="header-search"
          placeholder="全文检索，如：宅基地"
          allowClear
          enterButton="检索"
          value={value}
          maxLength={100}
          onChange={(e) => setValue(e.target.value)}
          onSearch={(q) => {
            const term = q.trim();
            if (term) navigate(`/search?q=${encodeURIComponent(term)}`);
          }}
          data-testid="search-input"
          aria-label="全文检索"
        />
      </div>
    </header>
  );
}
